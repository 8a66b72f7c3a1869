/**
 * Classes that break the architecture rules on purpose, in the packages the rules guard, so that
 * {@code ArchitectureRulesBiteTest} can show each rule reporting them. Test sources only: never part of Bootbench.
 */
package dev.bootbench.menu.archfixture;
