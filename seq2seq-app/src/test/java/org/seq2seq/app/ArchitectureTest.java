package org.seq2seq.app;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seq2seq.decoder.attention.Attention;

/**
 * The rules that keep the library embeddable, checked on the compiled main classes of every
 * module (this module's test class path holds them all, and everything the application adds).
 */
class ArchitectureTest {
    /** The library modules' packages: what a Java program embeds. */
    private static final String[] LIBRARY = {"org.seq2seq.core..", "org.seq2seq.corpora..", "org.seq2seq.encoder..",
        "org.seq2seq.decoder..", "org.seq2seq.evaluation..", "org.seq2seq.nn.."};

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.matches(TEST_JAR))       // other modules' test classes
                .importPackages("org.seq2seq");
    }

    @Test
    void theLibraryNeverUsesTheApplicationsCommandLineChartsBarsBackendOrLogBinding() {
        noClasses().that().resideInAnyPackage(LIBRARY)
                .should().dependOnClassesThat().resideInAnyPackage("org.seq2seq.app..", "picocli..",
                        "me.tongfei.progressbar..", "org.knowm.xchart..", "org.slf4j.simple..", "org.slf4j.impl..")
                .because("a program that embeds the library chooses its own log binding and wants no "
                        + "command line, charts or progress bars")
                .check(classes);
        noClasses().that().resideInAnyPackage(LIBRARY)
                .and().doNotHaveFullyQualifiedName("org.seq2seq.nn.runtime.ReachableOpsExecutioner")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j.linalg.cpu..", "org.nd4j.nativeblas..")
                .because("a program that embeds the library chooses its own backend; the executioner that keeps "
                        + "ops alive extends the CPU backend's and is loaded only when that backend runs")
                .check(classes);
    }

    @Test
    void theServerSitsOnTheLibraryAndTheLibraryKnowsNoHttp() {
        noClasses().that().resideInAnyPackage(LIBRARY)
                .should().dependOnClassesThat().resideInAnyPackage("org.seq2seq.serve..", "io.javalin..",
                        "org.eclipse.jetty..", "jakarta.servlet..", "io.prometheus..")
                .because("the library translates; serving it over HTTP is a module on top of it")
                .check(classes);
        noClasses().that().resideInAPackage("org.seq2seq.serve..")
                .should().dependOnClassesThat().resideInAnyPackage("org.seq2seq.app..", "org.seq2seq.core.train..",
                        "picocli..", "me.tongfei.progressbar..", "org.slf4j.simple..", "org.nd4j.linalg.cpu..")
                .because("a program may embed the server with its own backend and log binding; serving needs "
                        + "no training")
                .check(classes);
    }

    @Test
    void onlyTheDirectMatrixProductCallsOpenBlas() {
        noClasses().that().resideInAnyPackage(LIBRARY).and().doNotHaveFullyQualifiedName("org.seq2seq.nn.OpenBlasGemm")
                .should().dependOnClassesThat().resideInAnyPackage("org.bytedeco.openblas..")
                .because("OpenBLAS comes with the CPU backend; Gemm loads OpenBlasGemm only when that backend "
                        + "and OpenBLAS's classes are there and uses ND4J's product otherwise")
                .check(classes);
    }

    /**
     * ND4J runs broadcast ops without keeping the op and its arrays reachable during the native
     * call (see org.seq2seq.nn's package documentation): a garbage collection then lets ND4J free
     * memory the op is reading. {@code Broadcast} is the one way the library runs them (and
     * {@code ReachableOpsExecutioner}, the executioner that keeps every op alive, the one class that
     * takes them), and INDArray's row and column methods, which run them unguarded, are not called.
     */
    @Test
    void broadcastOpsRunOnlyThroughBroadcastWhichKeepsTheirArraysAlive() {
        noClasses().that().resideInAnyPackage(LIBRARY).and().doNotHaveFullyQualifiedName("org.seq2seq.nn.Broadcast")
                .and().doNotHaveFullyQualifiedName("org.seq2seq.nn.runtime.ReachableOpsExecutioner")   // runs them, kept alive
                .should().dependOnClassesThat().resideInAPackage("org.nd4j.linalg.api.ops.impl.broadcast..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.nd4j.linalg.api.ops.BroadcastOp")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.nd4j.linalg.factory.Broadcast")
                .because("only org.seq2seq.nn.Broadcast keeps a broadcast op's arrays alive until native code is done")
                .check(classes);
        noClasses().that().resideInAnyPackage(LIBRARY)
                .should().callMethodWhere(describe("INDArray's row or column broadcast",
                        (JavaMethodCall call) -> call.getTargetOwner().isAssignableTo(INDArray.class)
                                && ROW_OR_COLUMN_BROADCAST.matcher(call.getName()).matches()))
                .because("INDArray's addiRowVector, muliColumnVector and the like run a broadcast op that "
                        + "ND4J lets go while native code reads it; use org.seq2seq.nn.Broadcast")
                .check(classes);
    }

    /** INDArray's methods that combine a matrix with a row or a column by a broadcast op. */
    private static final Pattern ROW_OR_COLUMN_BROADCAST =
            Pattern.compile("(add|sub|mul|div|rsub|rdiv|put)i?(Row|Column)Vector");

    private static final List<Class<?>> MUTABLE_COLLECTIONS = List.of(java.util.ArrayList.class,
            java.util.HashMap.class, java.util.HashSet.class, java.util.concurrent.ConcurrentMap.class,
            java.util.Deque.class, java.util.concurrent.BlockingQueue.class);

    /**
     * Static fields that hold state a program could change or that changes as it runs: not final,
     * or final but of a mutable kind (thread-locals, atomics, mutable collections, arrays that code
     * outside the package can reach; an array only its package reads is a constant table).
     */
    private static final DescribedPredicate<JavaField> MUTABLE_STATIC = describe("static and mutable", field -> {
        if (!field.getModifiers().contains(JavaModifier.STATIC) || field.getModifiers().contains(JavaModifier.SYNTHETIC)) {
            return false;
        }
        if (!field.getModifiers().contains(JavaModifier.FINAL)) {
            return true;
        }
        JavaClass type = field.getRawType();
        boolean shared = !field.getModifiers().contains(JavaModifier.PRIVATE)
                && (field.getModifiers().contains(JavaModifier.PUBLIC) || field.getModifiers().contains(JavaModifier.PROTECTED));
        return (type.isArray() && shared) || type.isAssignableTo(ThreadLocal.class)
                || type.getPackageName().equals("java.util.concurrent.atomic")
                || MUTABLE_COLLECTIONS.stream().anyMatch(type::isAssignableTo);
    });

    @Test
    void noStaticMutableStateOutsideTheRuntimePackages() {
        fields().that(MUTABLE_STATIC).should().beDeclaredInClassesThat().resideInAPackage("..runtime..")
                .because("what a translator or a training run uses is passed to it (a Compute, an executor), not "
                        + "read from a global that another part of the program may change; the runtime packages "
                        + "hold what must be process-wide (the native pools, the executor bound to a thread)")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.seq2seq.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void translationNeedsNoTrainingAndModelsNeedNeither() {
        noClasses().that().resideInAPackage("org.seq2seq.core.translate..")
                .should().dependOnClassesThat().resideInAPackage("org.seq2seq.core.train..")
                .check(classes);
        noClasses().that().resideInAPackage("org.seq2seq.core.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.seq2seq.core.train..",
                        "org.seq2seq.core.translate..")
                .check(classes);
    }

    @Test
    void outsideTheDecoderAndEncoderOnlyTheirPublicApiIsUsed() {
        // the decoder's API: its top package (DecoderConfig, GruDecoder, DecoderStack), its searches
        // and the kind of attention, a configuration value; its layers, vertices, kernels and
        // output layer are its own
        noClasses().that().resideOutsideOfPackages("org.seq2seq.decoder..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("org.seq2seq.decoder.gru..",
                        "org.seq2seq.decoder.attention..", "org.seq2seq.decoder.output..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(Attention.class))))
                .because("the decoder module owns how its step is computed; the rest of the code base wires it "
                        + "through DecoderStack and GruDecoder")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("org.seq2seq.encoder..")
                .should().dependOnClassesThat().resideInAnyPackage("org.seq2seq.encoder.lstm..")
                .because("the encoder module owns its layers; the rest of the code base builds them through "
                        + "LstmEncoder")
                .check(classes);
    }
}
