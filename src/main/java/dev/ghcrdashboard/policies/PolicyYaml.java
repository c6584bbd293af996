package dev.ghcrdashboard.policies;

import dev.ghcrdashboard.cleanup.RuleGroupForm;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Policies as YAML, so they can live in a repository and be reviewed:
 * <pre>
 * policies:
 *   - name: old releases
 *     package: api              # or  pattern: tools/*   or  every-package: true
 *     schedule: daily           # daily, weekly, monthly, or a five-field cron line
 *     share-threshold: 50
 *     rules:
 *       - tag-pattern: "v0.*"   # with tag-syntax: glob|regex, tag-mode: matching|not-matching
 *         keep-newest: 2        # also orphans: true, older-than: 30, keep-untagged: 5
 * </pre>
 * The mode is not part of the file: an imported policy is saved like one from the form (new ones in dry run, and one
 * whose rules change goes back to dry run), so act always follows an admin's confirmation in the dashboard.
 * Reading refuses unknown keys and wrong shapes, each with its line; it builds the forms the pages check, so a file
 * gets the same field checks as the form.
 */
final class PolicyYaml {

    private static final Set<String> POLICY_KEYS = Set.of("name", "package", "pattern", "every-package", "schedule", "share-threshold", "rules");
    private static final Set<String> RULE_KEYS = Set.of("orphans", "older-than", "tag-pattern", "tag-syntax", "tag-mode", "keep-newest",
            "keep-untagged");
    /** A policy file is small; a larger one is refused before it is parsed (and its aliases cannot grow it). */
    static final int MAX_CHARACTERS = 200_000;

    private PolicyYaml() {
    }

    /** One policy read from a file: its form, the line it starts at, and the line of each field (form property → line). */
    record Entry(PolicyForm form, int line, Map<String, Integer> fieldLines) {

        Entry {
            fieldLines = Map.copyOf(fieldLines);
        }

        int lineOf(String field) {
            return fieldLines.getOrDefault(field, fieldLines.getOrDefault(field.replaceAll("\\.[^.\\[]+$", ""), line));
        }
    }

    /** A problem with the file, at a line (1-based). */
    record Problem(int line, String message) {

        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    /** What reading a file gave: its policies, or the problems that stop it from being read (then no policy). */
    record Read(List<Entry> entries, List<Problem> problems) {

        Read {
            entries = List.copyOf(entries);
            problems = List.copyOf(problems);
        }
    }

    static String write(List<RetentionPolicy> policies) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (RetentionPolicy policy : policies) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", policy.name());
            switch (policy.scope().kind()) {
                case PACKAGE -> entry.put("package", policy.scope().value());
                case PATTERN -> entry.put("pattern", policy.scope().value());
                case OWNER -> entry.put("every-package", true);
            }
            entry.put("schedule", policy.schedule().text());
            entry.put("share-threshold", policy.shareThreshold());
            List<Map<String, Object>> rules = new ArrayList<>();
            for (RuleGroupForm group : policy.groups()) {
                if (!group.asksForSomething()) {
                    continue;
                }
                Map<String, Object> rule = new LinkedHashMap<>();
                if (group.orphans()) {
                    rule.put("orphans", true);
                }
                putNumber(rule, "older-than", group.olderThan());
                if (!group.tagPattern().isEmpty()) {
                    rule.put("tag-pattern", group.tagPattern());
                    rule.put("tag-syntax", group.tagSyntax());
                    rule.put("tag-mode", group.tagMode());
                }
                putNumber(rule, "keep-newest", group.keepNewest());
                putNumber(rule, "keep-untagged", group.keepUntagged());
                rules.add(rule);
            }
            entry.put("rules", rules);
            list.add(entry);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        return "# Retention policies of ghcr-dashboard. Import them on the owner's policies page; the mode is set there.\n"
                + new Yaml(options).dump(Map.of("policies", list));
    }

    private static void putNumber(Map<String, Object> rule, String key, String value) {
        if (value != null) {
            rule.put(key, Integer.parseInt(value));
        }
    }

    static Read read(String text) {
        List<Problem> problems = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new Read(List.of(), List.of(new Problem(1, "The file is empty; it starts with policies:")));
        }
        if (text.length() > MAX_CHARACTERS) {
            return new Read(List.of(), List.of(new Problem(1, "The file is larger than " + MAX_CHARACTERS + " characters.")));
        }
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException malformed) {
            int line = malformed.getProblemMark() != null ? malformed.getProblemMark().getLine() + 1 : 1;
            return new Read(List.of(), List.of(new Problem(line, "This is not valid YAML: " + malformed.getProblem())));
        } catch (RuntimeException malformed) {
            return new Read(List.of(), List.of(new Problem(1, "This is not valid YAML: " + malformed.getMessage())));
        }
        if (!(root instanceof MappingNode top)) {
            return new Read(List.of(), List.of(new Problem(line(root), "The file is a mapping with one key, policies:")));
        }
        Node policies = null;
        for (NodeTuple tuple : top.getValue()) {
            String key = key(tuple, problems);
            if ("policies".equals(key)) {
                policies = tuple.getValueNode();
            } else if (key != null) {
                problems.add(new Problem(line(tuple.getKeyNode()), "Unknown key " + key + "; the file has one key, policies:"));
            }
        }
        List<Entry> entries = new ArrayList<>();
        if (policies == null) {
            problems.add(new Problem(line(top), "The key policies: is missing."));
        } else if (!(policies instanceof SequenceNode list)) {
            problems.add(new Problem(line(policies), "policies: is a list, each item starting with - name:"));
        } else {
            for (Node item : list.getValue()) {
                Entry entry = policy(item, problems);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        }
        duplicateNames(entries, problems);
        return problems.isEmpty() ? new Read(entries, List.of()) : new Read(List.of(), problems);
    }

    private static Entry policy(Node node, List<Problem> problems) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(new Problem(line(node), "A policy is a mapping of name:, package: (or pattern: or every-package:),"
                    + " schedule:, share-threshold: and rules:"));
            return null;
        }
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        List<RuleGroupForm> groups = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = key(tuple, problems);
            if (key == null) {
                continue;
            }
            keys.add(key);
            if (!POLICY_KEYS.contains(key)) {
                problems.add(new Problem(line(tuple.getKeyNode()), "Unknown key " + key + "; a policy has " + String.join(", ",
                        POLICY_KEYS.stream().sorted().toList()) + "."));
                continue;
            }
            if (key.equals("rules")) {
                lines.put("groups", line(tuple.getKeyNode()));
                rules(tuple.getValueNode(), groups, lines, problems);
                continue;
            }
            String value = scalar(tuple.getValueNode(), key, problems);
            if (value != null && values.putIfAbsent(key, value) != null) {
                problems.add(new Problem(line(tuple.getKeyNode()), key + ": appears twice in this policy."));
            } else if (value != null) {
                lines.put(field(key), line(tuple.getKeyNode()));
            }
        }
        int scopes = (keys.contains("package") ? 1 : 0) + (keys.contains("pattern") ? 1 : 0)
                + ("true".equals(values.get("every-package")) ? 1 : 0);
        if (scopes == 1 && !values.containsKey("package") && !values.containsKey("pattern") && !values.containsKey("every-package")) {
            return null; // its one scope key had no usable value, which is reported already
        }
        if (scopes != 1) {
            problems.add(new Problem(line(mapping), "A policy names exactly one of package:, pattern: or every-package: true."));
            return null;
        }
        String scope = values.containsKey("package") ? "package" : values.containsKey("pattern") ? "pattern" : "owner";
        String schedule = values.getOrDefault("schedule", "");
        boolean preset = Schedule.PRESETS.containsKey(schedule);
        lines.put("cron", lines.getOrDefault("schedule", line(mapping)));
        PolicyForm form = new PolicyForm(values.get("name"), scope, values.get("package"), values.get("pattern"),
                preset ? schedule : "cron", preset ? "" : schedule, values.get("share-threshold"), groups);
        return new Entry(form, line(mapping), lines);
    }

    private static void rules(Node node, List<RuleGroupForm> groups, Map<String, Integer> lines, List<Problem> problems) {
        if (!(node instanceof SequenceNode list)) {
            problems.add(new Problem(line(node), "rules: is a list of rule groups, each starting with -"));
            return;
        }
        for (Node item : list.getValue()) {
            if (!(item instanceof MappingNode mapping)) {
                problems.add(new Problem(line(item), "A rule group is a mapping of " + String.join(", ", RULE_KEYS.stream().sorted().toList()) + "."));
                continue;
            }
            String prefix = "groups[" + groups.size() + "].";
            Map<String, String> values = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = key(tuple, problems);
                if (key == null) {
                    continue;
                }
                if (!RULE_KEYS.contains(key)) {
                    problems.add(new Problem(line(tuple.getKeyNode()), "Unknown key " + key + "; a rule group has "
                            + String.join(", ", RULE_KEYS.stream().sorted().toList()) + "."));
                    continue;
                }
                String value = scalar(tuple.getValueNode(), key, problems);
                if (value != null && values.putIfAbsent(key, value) != null) {
                    problems.add(new Problem(line(tuple.getKeyNode()), key + ": appears twice in this rule group."));
                } else if (value != null) {
                    lines.put(prefix + field(key), line(tuple.getKeyNode()));
                }
            }
            String orphans = values.get("orphans");
            if (orphans != null && !orphans.equals("true") && !orphans.equals("false")) {
                problems.add(new Problem(lines.get(prefix + "orphans"), "orphans: is true or false."));
            }
            groups.add(new RuleGroupForm("true".equals(orphans), values.get("older-than"), values.get("tag-pattern"), values.get("tag-syntax"),
                    values.get("tag-mode"), values.get("keep-newest"), values.get("keep-untagged")));
            lines.put("groups[" + (groups.size() - 1) + "]", line(mapping));
        }
    }

    /** The form property a key fills. */
    private static String field(String key) {
        return switch (key) {
            case "package" -> "packageName";
            case "share-threshold" -> "shareThreshold";
            case "older-than" -> "olderThan";
            case "tag-pattern" -> "tagPattern";
            case "tag-syntax" -> "tagSyntax";
            case "tag-mode" -> "tagMode";
            case "keep-newest" -> "keepNewest";
            case "keep-untagged" -> "keepUntagged";
            default -> key;
        };
    }

    private static void duplicateNames(List<Entry> entries, List<Problem> problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (Entry entry : entries) {
            Integer first = seen.putIfAbsent(entry.form().name(), entry.line());
            if (first != null) {
                problems.add(new Problem(entry.line(), "A second policy called " + entry.form().name() + " (the first is at line " + first + ")."));
            }
        }
    }

    private static String key(NodeTuple tuple, List<Problem> problems) {
        if (tuple.getKeyNode() instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problems.add(new Problem(line(tuple.getKeyNode()), "A key is a plain word, such as name:"));
        return null;
    }

    private static String scalar(Node node, String key, List<Problem> problems) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problems.add(new Problem(line(node), key + ": takes a single value, not a list or mapping."));
        return null;
    }

    private static int line(Node node) {
        return node == null || node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }
}
