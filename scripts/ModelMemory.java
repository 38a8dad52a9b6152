import java.lang.reflect.Field;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.core.translate.Translator;

/**
 * What a loaded model holds beside its parameters: the bytes of the parameters, and of the
 * encoder's own graph (the arrays a {@link Translator} encodes with), with whether those share the
 * model's memory or are a second copy. Reads the translator's private fields, as a measurement
 * may. Run from the repository with the application jar:
 *
 * <pre>java -cp seq2seq-app/target/seq2seq.jar scripts/ModelMemory.java MODEL</pre>
 */
public class ModelMemory {
    public static void main(String[] args) throws Exception {
        try (Translator translator = Translator.load(Path.of(args[0]))) {
            ComputationGraph model = (ComputationGraph) read(read(translator, "model"), "graph");
            ComputationGraph encoder = encoderGraph(read(translator, "encoder"));
            INDArray modelParams = model.params();
            INDArray encoderParams = encoder.params();
            long start = modelParams.data().address();
            long end = start + modelParams.data().length() * modelParams.data().getElementSize();
            long address = encoderParams.data().address();
            boolean shared = address >= start && address < end;
            long encoderBytes = 0;
            for (var layer : encoder.getLayers()) {
                for (INDArray p : layer.paramTable().values()) {
                    encoderBytes += p.length() * p.data().getElementSize();
                }
            }
            System.out.printf("model parameters     %8.1f MB%n", modelParams.length() * 4 / 1e6);
            System.out.printf("encoder's parameters %8.1f MB, %s%n", encoderBytes / 1e6,
                    shared ? "in the model's array (held once)" : "a copy of its own (held twice)");
            System.out.printf("held in all          %8.1f MB%n",
                    (modelParams.length() * 4 + (shared ? 0 : encoderParams.length() * 4)) / 1e6);
        }
    }

    /** The encoder's graph: its only one in older versions, else the first idle one. */
    private static ComputationGraph encoderGraph(Object encoder) throws ReflectiveOperationException {
        try {
            return (ComputationGraph) read(encoder, "graph");
        } catch (NoSuchFieldException e) {
            return (ComputationGraph) ((java.util.Deque<?>) read(encoder, "idle")).peekFirst();
        }
    }

    private static Object read(Object owner, String field) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(field);
        f.setAccessible(true);
        return f.get(owner);
    }
}
