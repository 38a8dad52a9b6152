import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.seq2seq.core.translate.Terminology;
import org.seq2seq.corpora.text.TokenizerSpec;

/**
 * How many translations carry their terms: for each sentence of SOURCES holding a source term of
 * TERMS (as a translator finds them, with the word tokenizer), whether each TRANSLATIONS file's
 * line holds every target term as whole words; prints the share per file.
 *
 * <pre>
 * java -cp seq2seq-app/target/seq2seq.jar scripts/TermShare.java TERMS SOURCES TRANSLATIONS...
 * </pre>
 */
public final class TermShare {
    public static void main(String[] args) throws Exception {
        Terminology.Matcher matcher = Terminology.read(Path.of(args[0]))
                .matcher(new TokenizerSpec(TokenizerSpec.Kind.WORD, false).create());
        List<String> sources = Files.readAllLines(Path.of(args[1]));
        for (int f = 2; f < args.length; f++) {
            List<String> out = Files.readAllLines(Path.of(args[f]));
            int withTerms = 0;
            int correct = 0;
            int terms = 0;
            int termsCorrect = 0;
            for (int i = 0; i < sources.size(); i++) {
                List<String> targets = matcher.targets(sources.get(i));
                if (targets.isEmpty()) {
                    continue;
                }
                withTerms++;
                boolean all = true;
                for (String t : targets) {
                    terms++;
                    boolean found = Pattern.compile("(?<!\\w)" + Pattern.quote(t) + "(?!\\w)").matcher(out.get(i)).find();
                    termsCorrect += found ? 1 : 0;
                    all &= found;
                }
                correct += all ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "%s: %d of %d sentences with terms have all theirs (%.1f%%); %d of %d terms "
                    + "(%.1f%%)%n", args[f], correct, withTerms, 100.0 * correct / withTerms, termsCorrect, terms,
                    100.0 * termsCorrect / terms);
        }
    }
}
