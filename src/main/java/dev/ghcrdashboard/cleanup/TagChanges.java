package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.common.Names;
import dev.ghcrdashboard.common.NotFoundException;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.Visibility;
import dev.ghcrdashboard.packages.PackageAnalysis;
import dev.ghcrdashboard.packages.PackageAnalyzer;
import dev.ghcrdashboard.packages.VersionNode;
import dev.ghcrdashboard.secrets.TokenVault;
import dev.ghcrdashboard.security.SignedInUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * One tag put on an image (added, or moved from the image that has it) or taken off it: what would change, and
 * the job that changes it. Plans are made from a fresh reading of the package, and a confirmation starts the job
 * only when the plan is still the one shown.
 */
@Service
record TagChanges(CleanupService cleanup, PackageAnalyzer analyzer, Jobs jobs, TokenVault vault) {

    /** Tags of the OCI referrers scheme are bookkeeping of signing tools, never set by hand. */
    private static final Pattern REFERRER_TAG = Pattern.compile("sha(256|384|512)-[0-9a-f]+(\\.(sig|att|sbom))?");

    /**
     * What a tag change would do.
     *
     * @param kind {@link JobKind#ADD_TAG}, {@link JobKind#MOVE_TAG} or {@link JobKind#REMOVE_TAG}
     * @param image the version the tag is put on or taken off
     * @param previous for a move: the image that has the tag now; else {@code null}
     * @param problem why nothing can be done (the tag is already there, is not on this image…); else {@code null}
     * @param notes what else the person should know (public package, an image left untagged)
     */
    record Plan(JobKind kind, String tag, VersionNode image, VersionNode previous, String problem, List<String> notes) {

        Plan {
            notes = List.copyOf(notes);
        }

        public boolean possible() {
            return problem == null;
        }

        /** What the confirmation compares: the plan shown must still be the plan. */
        public String fingerprint() {
            return kind + " " + tag + " " + image.digest() + " " + (previous == null ? "-" : previous.digest());
        }

        /** The image's tags once the change is made. */
        public List<String> tagsAfter() {
            List<String> after = new ArrayList<>(image.tags());
            if (kind == JobKind.REMOVE_TAG) {
                after.remove(tag);
            } else if (!after.contains(tag)) {
                after.add(tag);
            }
            return after;
        }

        /** For a move: the tags the image that had the tag keeps. */
        public List<String> previousTagsAfter() {
            return previous == null ? List.of() : previous.tags().stream().filter(t -> !t.equals(tag)).toList();
        }

        public String headline() {
            String image = Digests.image(this.image.digest(), this.image.names());
            return switch (kind) {
                case ADD_TAG -> "Add tag " + tag + " to " + image;
                case MOVE_TAG -> "Move tag " + tag + " from " + Digests.image(previous.digest(), previous.names()) + " to " + image;
                default -> "Remove tag " + tag + " from " + image;
            };
        }
    }

    /** Plans putting {@code tag} on the version: an add, or a move when another image has it. */
    Plan planPut(SignedInUser user, Owner owner, String packageName, long versionId, String tag) {
        PackageAnalysis analysis = fresh(user, owner, packageName);
        VersionNode image = version(analysis, packageName, versionId);
        List<String> notes = new ArrayList<>();
        String problem = tagProblem(tag);
        if (problem != null) {
            return new Plan(JobKind.ADD_TAG, tag, image, null, problem, notes);
        }
        if (image.tags().contains(tag)) {
            return new Plan(JobKind.ADD_TAG, tag, image, null, "This image already has the tag " + tag + ".", notes);
        }
        Optional<VersionNode> holder = analysis.graph().nodes().stream().filter(node -> node.tags().contains(tag)).findFirst();
        if (holder.isEmpty()) {
            return new Plan(JobKind.ADD_TAG, tag, image, null, null, notes);
        }
        VersionNode previous = holder.get();
        List<String> kept = previous.tags().stream().filter(t -> !t.equals(tag)).toList();
        if (kept.stream().allMatch(t -> REFERRER_TAG.matcher(t).matches())) {
            notes.add("The image that has " + tag + " now has no other tag: it becomes untagged, an orphan that the orphans rule"
                    + " of a cleanup removes, and pulls by " + tag + " get this image instead.");
        }
        return new Plan(JobKind.MOVE_TAG, tag, image, previous, null, notes);
    }

    /** Plans taking {@code tag} off the version, which keeps its other tags. */
    Plan planRemove(SignedInUser user, Owner owner, String packageName, long versionId, String tag) {
        PackageAnalysis analysis = fresh(user, owner, packageName);
        VersionNode image = version(analysis, packageName, versionId);
        List<String> notes = new ArrayList<>();
        publicNote(analysis, notes);
        if (!image.tags().contains(tag)) {
            return new Plan(JobKind.REMOVE_TAG, tag, image, null, "This image has no tag " + Names.visible(tag) + ".", notes);
        }
        if (!Names.isValidTag(tag)) {
            return new Plan(JobKind.REMOVE_TAG, tag, image, null, "The tag " + Names.visible(tag) + " is not a valid OCI tag, so the"
                    + " registry cannot push under it; delete the version to remove it.", notes);
        }
        if (image.names().equals(List.of(tag))) {
            notes.add("This is the image's only tag: without it the image is untagged, an orphan that the orphans rule of a cleanup"
                    + " removes. To delete the image now, use a cleanup instead.");
        }
        notes.add("ghcr.io has no way to delete a tag: a small placeholder manifest is pushed under " + tag + ", the tag is checked to"
                + " name it, and the placeholder's version is then deleted. The image itself is not touched.");
        return new Plan(JobKind.REMOVE_TAG, tag, image, null, null, notes);
    }

    /** Starts the job of a plan that is possible, and answers its id. */
    String start(SignedInUser user, Owner owner, String packageName, Plan plan) {
        if (!plan.possible()) {
            throw new IllegalArgumentException(plan.problem());
        }
        VersionNode image = plan.image();
        var item = new Jobs.NewItem(plan.kind(), image.id(), image.digest(), image.tags(), image.digest(), plan.tag(),
                plan.previous() == null ? null : plan.previous().digest());
        return jobs.create(plan.kind(), user.login(), owner, packageName, List.of(item), vault.seal(user.token()));
    }

    /** A tag a person may put on an image; {@code null} when it is fine. */
    static String tagProblem(String tag) {
        if (tag == null || tag.isBlank()) {
            return "Type the tag to put on this image.";
        }
        if (!Names.isValidTag(tag)) {
            return "A tag is 1 to 128 letters, digits, '_', '.' and '-', and does not start with '.' or '-' (the OCI tag grammar);"
                    + " " + Names.visible(tag) + " is not one.";
        }
        if (REFERRER_TAG.matcher(tag).matches()) {
            return "Tags of the form sha256-<hex> are the bookkeeping of signing tools and are not set by hand.";
        }
        return null;
    }

    private PackageAnalysis fresh(SignedInUser user, Owner owner, String packageName) {
        analyzer.invalidate(owner.login(), packageName);
        return cleanup.analysis(user, owner, packageName);
    }

    private static VersionNode version(PackageAnalysis analysis, String packageName, long versionId) {
        return analysis.graph().byId(versionId)
                .orElseThrow(() -> new NotFoundException("Version " + versionId + " is not an active version of " + packageName + "."));
    }

    private static void publicNote(PackageAnalysis analysis, List<String> notes) {
        if (analysis.containerPackage() != null && analysis.containerPackage().visibility() == Visibility.PUBLIC) {
            notes.add("This package is public: GitHub refuses to delete a version of a public package downloaded more than 5,000 times."
                    + " If it refuses the placeholder's deletion, the tag names the placeholder until it is removed from the integrity page.");
        }
    }
}
