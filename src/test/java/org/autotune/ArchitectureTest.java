package org.autotune;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.stream.Stream;
import org.autotune.journal.Journal;
import org.autotune.journal.archfixture.JournalWithPoint;
import org.autotune.space.archfixture.PlainPoint;
import org.autotune.space.archfixture.PointWithJournal;
import org.junit.jupiter.api.Test;

/**
 * Pins the package layering of STYLE.md: dependencies point downwards only, and no two packages
 * import each other. Packages that do not exist pass every rule, so a new package does not break the
 * build before it has rules of its own.
 * A deliberate exception to a rule is listed next to it with its reason. None is needed today: the
 * measured graph has {@code design -> optimize} one way only (a design is an optimizer of the budget)
 * and {@code metric} and {@code likelihood} do not import each other.
 */
class ArchitectureTest {

    private static final JavaClasses AUTOTUNE = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.autotune");

    /** The value types at the bottom: parameters, spaces and points know nothing else. */
    static final ArchRule SPACE = mayUseOnly("space");

    /** A score is a value with observables; it may name a point but nothing above it. */
    static final ArchRule SCORE = mayUseOnly("score", "space");

    /** The response-surface toolbox shared by {@code optimize} and {@code analysis}. */
    static final ArchRule MODEL = mayUseOnly("model", "space", "score");

    /** The journal records samples and scores; it does not know who proposed or scored them. */
    static final ArchRule JOURNAL = mustNotUse("journal", "metric", "optimize", "campaign", "cli", "web", "report");

    /** Proposals depend only on (config, seed, results told so far): no scoring, running or storing. */
    static final ArchRule OPTIMIZE =
        mustNotUse("optimize", "metric", "campaign", "journal", "cli", "execute", "simulate");

    /** Analysis reads the journal; it is below the campaign, the report and the optimizers. */
    static final ArchRule ANALYSIS = mustNotUse("analysis", "campaign", "cli", "web", "report", "optimize");

    /** The campaign runs samples; the post-tuning designs (scan, grid, check) sit above it, the report beside. */
    static final ArchRule CAMPAIGN = mustNotUse("campaign", "scan", "cli", "web", "report");

    /** The command line is the top: it parses, calls and prints, and nobody calls it. */
    static final ArchRule CLI_ON_TOP = noClasses()
        .that().resideOutsideOfPackage(pkg("cli"))
        .should().dependOnClassesThat().resideInAPackage(pkg("cli"))
        .allowEmptyShould(true);

    /** The dashboard is started by the command line only. */
    static final ArchRule WEB_ON_TOP = noClasses()
        .that().resideOutsideOfPackages(pkg("cli"), pkg("web"))
        .should().dependOnClassesThat().resideInAPackage(pkg("web"))
        .allowEmptyShould(true);

    /** Each package is one concept; two concepts that import each other are one concept or a mistake. */
    static final ArchRule NO_CYCLES = slices().matching("org.autotune.(*)..")
        .should().beFreeOfCycles()
        .allowEmptyShould(true);

    /** Rules allow empty packages, so make sure they see the real code and not an empty import. */
    @Test
    void the_rules_see_the_main_code() {
        assertThat(AUTOTUNE.containPackage("org.autotune.space")).isTrue();
        assertThat(AUTOTUNE.containPackage("org.autotune.campaign")).isTrue();
        assertThat(AUTOTUNE.contain(ArchitectureTest.class)).isFalse();
    }

    @Test
    void lower_layers_import_only_what_is_below_them() {
        for (var rule : new ArchRule[] {SPACE, SCORE, MODEL}) {
            rule.check(AUTOTUNE);
        }
    }

    @Test
    void journal_optimize_and_analysis_keep_out_of_the_layers_above_and_beside_them() {
        for (var rule : new ArchRule[] {JOURNAL, OPTIMIZE, ANALYSIS, CAMPAIGN}) {
            rule.check(AUTOTUNE);
        }
    }

    @Test
    void cli_and_web_are_imported_by_nobody_below_them() {
        CLI_ON_TOP.check(AUTOTUNE);
        WEB_ON_TOP.check(AUTOTUNE);
    }

    @Test
    void packages_do_not_import_each_other_in_a_cycle() {
        NO_CYCLES.check(AUTOTUNE);
    }

    @Test
    void a_forbidden_import_fails_the_rule() {
        var offender = new ClassFileImporter().importClasses(PointWithJournal.class);
        var clean = new ClassFileImporter().importClasses(PlainPoint.class);

        assertThatThrownBy(() -> SPACE.check(offender))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining(PointWithJournal.class.getName())
            .hasMessageContaining("org.autotune.journal.Journal");
        assertThatCode(() -> SPACE.check(clean)).doesNotThrowAnyException();
    }

    @Test
    void a_cycle_between_two_packages_fails_the_rule() {
        // space -> journal (PointWithJournal imports Journal) and journal -> space (JournalWithPoint)
        var cycle = new ClassFileImporter()
            .importClasses(PointWithJournal.class, Journal.class, JournalWithPoint.class);
        var oneWay = new ClassFileImporter().importClasses(PointWithJournal.class, Journal.class);

        assertThatThrownBy(() -> NO_CYCLES.check(cycle))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("Cycle detected");
        assertThatCode(() -> NO_CYCLES.check(oneWay)).doesNotThrowAnyException();
    }

    /** Classes of {@code layer} may depend on the JDK, libraries, their own package and {@code allowed}. */
    private static ArchRule mayUseOnly(String layer, String... allowed) {
        var ok = Stream.concat(Stream.of(layer), Arrays.stream(allowed)).map(ArchitectureTest::pkg)
            .toArray(String[]::new);
        return classes().that().resideInAPackage(pkg(layer))
            .should().onlyDependOnClassesThat(
                not(resideInAPackage("org.autotune..")).or(resideInAnyPackage(ok)))
            .allowEmptyShould(true);
    }

    private static ArchRule mustNotUse(String layer, String... forbidden) {
        var banned = Arrays.stream(forbidden).map(ArchitectureTest::pkg).toArray(String[]::new);
        return noClasses().that().resideInAPackage(pkg(layer))
            .should().dependOnClassesThat().resideInAnyPackage(banned)
            .allowEmptyShould(true);
    }

    private static String pkg(String name) {
        return "org.autotune." + name + "..";
    }
}
