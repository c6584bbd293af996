package dev.ghcrdashboard.cleanup;

import java.util.ArrayList;
import java.util.List;

/**
 * What a cleanup would do, before anything is done: a preview shows exactly what goes and what
 * stays, and an executor deletes {@link #toDelete()} in the given order.
 *
 * <p>The order puts every version before what belongs to it (index before its platform manifests,
 * image before its signatures). A puller mid-job then sees a tag either whole or gone, never a tag
 * whose platform manifests are missing; a job that dies midway leaves untagged orphans, which the
 * orphan rule cleans, rather than broken tags. Restoring the plan must walk it backwards
 * (children before the index that lists them).
 *
 * @param toUntag images that stay but lose the tags the rules name (each tag is moved off by a placeholder, which
 *     is then deleted); executed before the deletions
 * @param kept versions that were picked, matched or part of a deleted unit, yet stay — with why
 * @param refused versions that cannot be deleted, with why
 * @param reclaimedBytes compressed bytes of blobs (config, layers) that only deleted manifests use
 * @param touchesTaggedImage whether a version carrying a tag a person pulls by is deleted
 * @param offerPackageDelete whether the plan covers every version, so deleting the package is the way
 */
public record DeletePlan(
        List<PlanItem> toDelete,
        List<UntagItem> toUntag,
        List<KeptItem> kept,
        List<RefusedItem> refused,
        List<Warning> warnings,
        long reclaimedBytes,
        boolean touchesTaggedImage,
        boolean offerPackageDelete) {

    public DeletePlan {
        toDelete = List.copyOf(toDelete);
        toUntag = List.copyOf(toUntag);
        kept = List.copyOf(kept);
        refused = List.copyOf(refused);
        warnings = List.copyOf(warnings);
    }

    /** Whether the plan changes nothing at all. */
    public boolean empty() {
        return toDelete.isEmpty() && toUntag.isEmpty();
    }

    /** How many tags the untags remove. */
    public int tagsRemoved() {
        return toUntag.stream().mapToInt(item -> item.removed().size()).sum();
    }

    /**
     * The job items that carry the plan out: tags first, then deletions in order. An untag leaves its image whole, so
     * a job stopped between the two kinds breaks nothing.
     */
    List<Jobs.NewItem> jobItems() {
        List<Jobs.NewItem> items = new ArrayList<>();
        for (UntagItem untag : toUntag) {
            for (String tag : untag.removed()) {
                items.add(new Jobs.NewItem(JobKind.REMOVE_TAG, untag.node().id(), untag.node().digest(), untag.node().tags(),
                        untag.node().digest(), tag, null));
            }
        }
        toDelete.forEach(item -> items.add(new Jobs.NewItem(item.node().id(), item.node().digest(), item.node().tags(), item.unitDigest())));
        return items;
    }

    /** Version ids in execution order. */
    public List<Long> versionIdsInOrder() {
        return toDelete.stream().map(item -> item.node().id()).toList();
    }
}
