package org.seq2seq.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep the library embeddable, checked on the compiled main classes of every
 * module (this module's test class path holds them all, and everything the application adds).
 */
class ArchitectureTest {
    /** The library modules' packages: what a Java program embeds. */
    private static final String[] LIBRARY = {"org.seq2seq.core..", "org.seq2seq.corpora..", "org.seq2seq.encoder..",
        "org.seq2seq.decoder..", "org.seq2seq.evaluation..", "org.seq2seq.nn.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.seq2seq");
    }

    @Test
    void theLibraryNeverUsesTheApplicationsCommandLineChartsBarsBackendOrLogBinding() {
        noClasses().that().resideInAnyPackage(LIBRARY)
                .should().dependOnClassesThat().resideInAnyPackage("org.seq2seq.app..", "picocli..",
                        "me.tongfei.progressbar..", "org.knowm.xchart..", "org.slf4j.simple..", "org.slf4j.impl..",
                        "org.nd4j.linalg.cpu..", "org.nd4j.nativeblas..")
                .because("a program that embeds the library chooses its own backend and log binding and wants no "
                        + "command line, charts or progress bars")
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
}
