package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java snippets compile against the project as it is. */
class ReadmeSnippetTest {
    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path classes;

    @Test
    void everyJavaSnippetInTheReadmeCompiles() throws IOException {
        Matcher blocks = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        int n = 0;
        while (blocks.find()) {
            String snippet = blocks.group(1);
            StringBuilder imports = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (String line : snippet.split("\n")) {
                (line.startsWith("import ") ? imports : body).append(line).append('\n');
            }
            String source = imports + "class Snippet" + n + " {\n static void run() throws Exception {\n" + body
                    + "\n }\n}\n";
            compile("Snippet" + n, source);
            n++;
        }
        assertTrue(n >= 1, "the README should hold at least one ```java snippet");
    }

    private void compile(String name, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        StringWriter errors = new StringWriter();
        boolean ok = javac.getTask(errors, null, null, List.of("-classpath", System.getProperty("java.class.path"),
                "-d", classes.toString(), "-proc:none"), null, List.of(file)).call();
        assertTrue(ok, "README snippet does not compile:\n" + source + "\n" + errors);
    }
}
