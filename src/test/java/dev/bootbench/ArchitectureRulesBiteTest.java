package dev.bootbench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.bootbench.clients.archfixture.ClientsFormatForTheView;
import dev.bootbench.engine.archfixture.EngineHoldsAProperty;
import dev.bootbench.engine.archfixture.EngineKeepsAFile;
import dev.bootbench.engine.archfixture.EnginePublishes;
import dev.bootbench.engine.archfixture.EngineReadsSettings;
import dev.bootbench.menu.archfixture.MenuKnowsMacs;
import dev.bootbench.publish.archfixture.PublishRunsTheCli;
import dev.bootbench.ui.archfixture.ChartViewModel;
import dev.bootbench.ui.archfixture.ColourViewModel;
import dev.bootbench.ui.archfixture.NodeViewModel;
import dev.bootbench.ui.archfixture.PlainViewModel;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link ArchitectureTest} reports a class that breaks it (test-only classes in the guarded packages,
 * {@code *.archfixture}), and lets pass what it allows: the rules cannot pass by matching nothing.
 */
class ArchitectureRulesBiteTest {
    private static EvaluationResult evaluate(ArchRule rule, Class<?>... classes) {
        return rule.evaluate(new ClassFileImporter().importClasses(classes));
    }

    /** The rule reports the class, naming it and {@code names} in its report. */
    private static void bites(ArchRule rule, Class<?> breaker, String names) {
        EvaluationResult r = evaluate(rule, breaker);
        assertTrue(r.hasViolation(), rule.getDescription() + " reports " + breaker.getName());
        String report = String.join("\n", r.getFailureReport().getDetails());
        assertTrue(report.contains(breaker.getName()) && report.contains(names), report);
    }

    private static void allows(ArchRule rule, Class<?> c) {
        EvaluationResult r = evaluate(rule, c);
        assertFalse(r.hasViolation(), String.join("\n", r.getFailureReport().getDetails()));
    }

    @Test
    void javaFxOutsideTheUiIsReported() {
        bites(ArchitectureTest.NO_JAVAFX_OUTSIDE_UI, EngineHoldsAProperty.class, "javafx.beans.property.SimpleStringProperty");
        allows(ArchitectureTest.NO_JAVAFX_OUTSIDE_UI, EngineReadsSettings.class);
    }

    @Test
    void theEngineReachingUpIsReported() {
        bites(ArchitectureTest.ENGINE_BELOW_THE_APP, EnginePublishes.class, "dev.bootbench.publish.MenuPublisher");
        allows(ArchitectureTest.ENGINE_BELOW_THE_APP, EngineKeepsAFile.class);
    }

    @Test
    void theEngineReadingSettingsIsReportedItsStorageIsNot() {
        bites(ArchitectureTest.ENGINE_SEES_NO_WORKSPACE_DTO, EngineReadsSettings.class, "dev.bootbench.workspace.Settings");
        allows(ArchitectureTest.ENGINE_SEES_NO_WORKSPACE_DTO, EngineKeepsAFile.class);
    }

    @Test
    void aMenuClassUsingTheEngineIsReported() {
        bites(ArchitectureTest.MENU_IS_A_LEAF, MenuKnowsMacs.class, "dev.bootbench.engine.net.MacAddress");
    }

    @Test
    void theSessionsUsingTheUiAreReported() {
        bites(ArchitectureTest.CLIENTS_FROM_ENGINE_EVENTS, ClientsFormatForTheView.class, "dev.bootbench.ui.Widgets");
    }

    @Test
    void publishingUsingAFrontEndIsReported() {
        bites(ArchitectureTest.FRONT_ENDS_ON_TOP, PublishRunsTheCli.class, "dev.bootbench.cli.Cli");
    }

    @Test
    void viewModelsHandingOutSceneTypesAreReported() {
        bites(ArchitectureTest.VIEW_MODELS_EXPOSE_NO_SCENE, NodeViewModel.class, "method node(...) returns javafx.scene.Node");
        bites(ArchitectureTest.VIEW_MODELS_EXPOSE_NO_SCENE, ChartViewModel.class, "field points javafx.scene.chart.XYChart$Data");
        bites(ArchitectureTest.VIEW_MODELS_EXPOSE_NO_SCENE, ColourViewModel.Row.class, "javafx.scene.paint.Color");
        allows(ArchitectureTest.VIEW_MODELS_EXPOSE_NO_SCENE, PlainViewModel.class);
    }
}
