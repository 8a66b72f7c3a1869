package dev.bootbench;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.bootbench.workspace.AtomicFiles;
import dev.bootbench.workspace.Workspace;
import dev.bootbench.workspace.WorkspaceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The layering of docs/architecture.md, checked on the compiled main classes (target/classes, not the tests).
 * {@link ArchitectureRulesBiteTest} shows each rule reporting a class that breaks it.
 */
@AnalyzeClasses(packages = "dev.bootbench", importOptions = ImportOption.DoNotIncludeTests.class)
public class ArchitectureTest {
    static final String UI = "dev.bootbench.ui..";
    static final String CLI = "dev.bootbench.cli..";
    static final String ENGINE = "dev.bootbench.engine..";
    static final String CLIENTS = "dev.bootbench.clients..";
    static final String MENU = "dev.bootbench.menu..";
    static final String WORKSPACE = "dev.bootbench.workspace..";
    static final String PUBLISH = "dev.bootbench.publish..";

    @ArchTest
    public static final ArchRule NO_JAVAFX_OUTSIDE_UI = noClasses().that().resideOutsideOfPackage(UI)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.fxmisc..")
            .because("only the desktop app shows anything: serve and the CLI run where there is no display and no JavaFX");

    @ArchTest
    public static final ArchRule ENGINE_BELOW_THE_APP = noClasses().that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(UI, CLI, PUBLISH, CLIENTS)
            .because("the engine is the same for the app and serve; they drive it, and read it through its events");

    /**
     * The engine runs from its own immutable configuration (EngineConfig, BootConfig), never from the workspace's
     * mutable settings. It keeps its leases and its script template in the workspace's folder, so it may use the
     * folder's storage (Workspace's files, AtomicFiles, WorkspaceException), and nothing else of the workspace.
     */
    @ArchTest
    public static final ArchRule ENGINE_SEES_NO_WORKSPACE_DTO = noClasses().that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat(resideInAPackage(WORKSPACE)
                    .and(not(belongToAnyOf(Workspace.class, AtomicFiles.class, WorkspaceException.class)))
                    .as("classes of the workspace other than its storage (Workspace, AtomicFiles, WorkspaceException)"))
            .because("the engine gets immutable records built from Settings, not Settings, which the app edits while packets are answered");

    @ArchTest
    public static final ArchRule MENU_IS_A_LEAF = noClasses().that().resideInAPackage(MENU)
            .should().dependOnClassesThat(resideInAPackage("dev.bootbench..").and(not(resideInAPackage(MENU)))
                    .as("any other Bootbench package (the engine included)"))
            .because("menus are parsed, checked, generated and simulated the same way in the app, the CLI and the engine");

    @ArchTest
    public static final ArchRule CLIENTS_FROM_ENGINE_EVENTS = noClasses().that().resideInAPackage(CLIENTS)
            .should().dependOnClassesThat().resideInAnyPackage(UI, CLI, PUBLISH, WORKSPACE)
            .because("the sessions are built from the engine's events alone, the same for the Clients view and serve's /_/api/sessions");

    @ArchTest
    public static final ArchRule FRONT_ENDS_ON_TOP = noClasses().that().resideInAnyPackage(WORKSPACE, PUBLISH)
            .should().dependOnClassesThat().resideInAnyPackage(UI, CLI)
            .because("the app and the CLI are two front ends over the same workspace and publishing");

    @ArchTest
    public static final ArchRule VIEW_MODELS_EXPOSE_NO_SCENE = classes()
            .that(belongTo(simpleNameEndingWith("ViewModel")).as("are view models or belong to one"))
            .and().resideInAPackage(UI)
            .and().areNotAnonymousClasses().and().areNotLocalClasses().and().areNotPrivate()
            .should(exposeNoSceneTypes())
            .because("a view model is state a test can drive without a scene: properties and collections, no nodes");

    /** The main classes were found at all, so that no rule passes on an empty import. */
    @ArchTest
    static void theMainClassesAreImported(JavaClasses classes) {
        assertTrue(classes.size() > 200, "only " + classes.size() + " classes imported");
        for (String name : List.of("dev.bootbench.engine.BootEngine", "dev.bootbench.ui.MainWindow", "dev.bootbench.menu.Menu",
                "dev.bootbench.clients.BootSessions", "dev.bootbench.workspace.Settings", "dev.bootbench.cli.Cli")) {
            assertTrue(classes.contain(name), name + " imported");
        }
        assertTrue(!classes.contain(ArchitectureTest.class) && classes.stream().noneMatch(c -> c.getPackageName().endsWith(".archfixture")),
                "no test class imported");
    }

    static boolean isScene(JavaClass t) {
        JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
        String p = base.getPackageName();
        return p.equals("javafx.scene") || p.startsWith("javafx.scene.");
    }

    /** No type of javafx.scene (a Node, a Color, a chart's Data, ...) in the class's supertypes or non-private members, type arguments included. */
    static ArchCondition<JavaClass> exposeNoSceneTypes() {
        return new ArchCondition<>("expose no javafx.scene type in a non-private field, method or constructor, nor as a supertype") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                List<String> found = new ArrayList<>();
                c.getRawSuperclass().filter(ArchitectureTest::isScene).ifPresent(s -> found.add("extends " + s.getName()));
                c.getRawInterfaces().stream().filter(ArchitectureTest::isScene).forEach(i -> found.add("implements " + i.getName()));
                for (JavaField f : c.getFields()) {
                    if (exposed(f)) scene(f.getType(), "field " + f.getName(), found);
                }
                for (JavaCodeUnit u : c.getCodeUnits()) {
                    if (!exposed(u)) continue;
                    String what = (u.isConstructor() ? "constructor" : "method " + u.getName()) + "(...)";
                    scene(u.getReturnType(), what + " returns", found);
                    for (JavaType p : u.getParameterTypes()) scene(p, what + " takes", found);
                }
                for (String f : found) events.add(SimpleConditionEvent.violated(c, c.getName() + ": " + f));
                if (found.isEmpty()) events.add(SimpleConditionEvent.satisfied(c, c.getName() + " exposes no javafx.scene type"));
            }
        };
    }

    private static boolean exposed(JavaMember m) {
        Set<JavaModifier> mods = m.getModifiers();
        return !mods.contains(JavaModifier.PRIVATE) && !mods.contains(JavaModifier.SYNTHETIC) && !mods.contains(JavaModifier.BRIDGE);
    }

    private static void scene(JavaType t, String where, List<String> found) {
        for (JavaClass raw : t.getAllInvolvedRawTypes()) {
            if (isScene(raw)) found.add(where + " " + raw.getName() + " (in " + t.getName() + ")");
        }
    }
}
