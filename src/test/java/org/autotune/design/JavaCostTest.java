package org.autotune.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.autotune.InputError;
import org.autotune.YamlFile;
import org.autotune.space.Parameter;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cost written in Java, compiled here with javac and loaded by class name from the campaign's folder. */
class JavaCostTest {
    private static final Space SPACE = new Space(List.of(Parameter.real("area", 0.1, 4, 1)));

    private static void compile(Path dir, String name, String source) throws IOException {
        Files.createDirectories(dir.resolve("cost"));
        Files.writeString(dir.resolve("cost/" + name + ".java"), source);
        var javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d",
            dir.resolve("classes").toString(), dir.resolve("cost/" + name + ".java").toString());
        assertThat(rc).isZero();
    }

    private static DesignCost read(Path dir, String yaml) {
        var root = YamlFile.parse(dir.resolve("campaign.yaml"), "cost: " + yaml);
        return Costs.read(root.optionalSection("cost"), SPACE, dir).orElseThrow();
    }

    @Test
    void a_cost_class_is_loaded_by_name_with_its_options(@TempDir Path dir) throws IOException {
        compile(dir, "AreaCost", """
            package cost;
            public class AreaCost implements org.autotune.design.Cost {
                private final double price;
                public AreaCost(java.util.Map<String, Object> options) {
                    price = ((Number) options.get("price")).doubleValue();
                }
                public double cost(org.autotune.space.Point p) { return price * p.get("area"); }
            }
            """);
        var design = read(dir, "{class: cost.AreaCost, classpath: [classes], options: {price: 2.5}, budget: 5}");
        assertThat(design.cost().cost(Point.of(Map.of("area", 2.0)))).isEqualTo(5.0);
    }

    @Test
    void a_class_that_is_not_a_cost_says_how_to_declare_it(@TempDir Path dir) throws IOException {
        compile(dir, "NotACost", "package cost; public class NotACost { }");
        assertThatThrownBy(() -> read(dir, "{class: cost.NotACost, classpath: [classes]}"))
            .isInstanceOf(InputError.class)
            .hasMessageContaining("cost.class: cost.NotACost does not implement org.autotune.design.Cost")
            .hasMessageContaining("fix: declare it as 'class NotACost implements org.autotune.design.Cost'");
    }
}
