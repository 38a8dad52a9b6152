package org.seq2seq.app;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The masters of a Spark standalone URL ({@code spark://HOST:PORT[,HOST:PORT…]}), checked before
 * Spark starts: Spark itself retries an unreachable master for about a minute, prints a stack
 * trace at every try, and then lets the program go on without a cluster.
 */
final class StandaloneMasters {
    /** How long one master may take to accept a connection. */
    static final int CONNECT_MILLIS = 5_000;

    private StandaloneMasters() {
    }

    /**
     * @param option the option that gave the URL, for messages
     * @param url    {@code spark://HOST:PORT[,HOST:PORT…]}
     * @throws IllegalArgumentException naming the option and the URL when the URL is malformed or
     *                                  no master accepts a connection, each master's reason said
     */
    static void requireOneAnswers(String option, String url) {
        List<String> reasons = new ArrayList<>();
        for (String address : addresses(option, url)) {
            int colon = address.lastIndexOf(':');
            String host = address.substring(0, colon);
            int port = Integer.parseInt(address.substring(colon + 1));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
                return;
            } catch (UnknownHostException e) {
                reasons.add(address + " (unknown host)");
            } catch (ConnectException e) {
                reasons.add(address + " (connection refused)");
            } catch (SocketTimeoutException e) {
                reasons.add(address + " (no answer within " + CONNECT_MILLIS / 1000 + " s)");
            } catch (IOException e) {
                reasons.add(address + " (" + e.getMessage() + ")");
            }
        }
        throw new IllegalArgumentException(option + " " + url + ": no Spark master answers at "
                + String.join(", ", reasons) + "; start one (scripts/spark-standalone.sh) or check the address");
    }

    /** The {@code HOST:PORT} parts of the URL. */
    private static List<String> addresses(String option, String url) {
        String list = url.substring("spark://".length());
        List<String> addresses = new ArrayList<>();
        for (String address : list.split(",", -1)) {
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || !address.substring(colon + 1).matches("\\d{1,5}")
                    || Integer.parseInt(address.substring(colon + 1)) > 65_535) {
                throw new IllegalArgumentException(option + " " + url + ": expected spark://HOST:PORT (or several "
                        + "HOST:PORT separated by commas), got '" + address + "'");
            }
            addresses.add(address);
        }
        return addresses;
    }
}
