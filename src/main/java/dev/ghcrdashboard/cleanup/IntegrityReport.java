package dev.ghcrdashboard.cleanup;

import java.util.List;

/**
 * Whether every tag of a package resolves to a complete image.
 *
 * @param tagsChecked how many tags were resolved
 * @param broken tags that do not resolve, or whose image lacks manifests it lists
 * @param notes what limited the check (manifests still unread, registry trouble)
 * @param placeholders placeholders a tag removal pushed and did not delete (interrupted, or GitHub refused)
 * @param orphanedReferrers signatures, attestations and referrers whose image is gone (the orphans rule removes them)
 */
record IntegrityReport(int tagsChecked, List<BrokenTag> broken, List<String> notes, List<Leftover> placeholders,
                       List<Leftover> orphanedReferrers) {

    public IntegrityReport {
        broken = List.copyOf(broken);
        notes = List.copyOf(notes);
        placeholders = List.copyOf(placeholders);
        orphanedReferrers = List.copyOf(orphanedReferrers);
    }

    /** Every tag resolves to a complete image and no placeholder is left over. */
    public boolean healthy() {
        return broken.isEmpty() && placeholders.isEmpty();
    }

    /** A version that should not be there. */
    public record Leftover(long versionId, String digest, List<String> tags) {

        public Leftover {
            tags = List.copyOf(tags);
        }

        public String describe() {
            return "version " + versionId + " (" + Digests.shortForm(digest) + (tags.isEmpty() ? ", untagged" : ", tags " + String.join(", ", tags)) + ")";
        }
    }

    /** Version ids in the trash whose restore repairs every broken image that can be repaired. */
    public List<Long> restorableIds() {
        return broken.stream().flatMap(tag -> tag.restorableIds().stream()).distinct().toList();
    }

    /**
     * A tag a person pulls that fails.
     *
     * @param digest what the tag resolves to; {@code null} when it does not resolve
     * @param missingDigests manifests the image lists that are not active versions any more
     * @param restorableIds trash versions holding some of the missing manifests
     */
    public record BrokenTag(String tag, String digest, List<String> missingDigests, List<Long> restorableIds) {

        public BrokenTag {
            missingDigests = List.copyOf(missingDigests);
            restorableIds = List.copyOf(restorableIds);
        }

        public boolean repairable() {
            return !missingDigests.isEmpty() && restorableIds.size() >= missingDigests.size();
        }

        public String describe() {
            if (digest == null) {
                return "tag " + tag + " does not resolve";
            }
            return "tag " + tag + " (" + Digests.shortForm(digest) + ") is missing " + missingDigests.size()
                    + (missingDigests.size() == 1 ? " manifest" : " manifests")
                    + (repairable() ? "; all of them are still in the trash" : restorableIds.isEmpty()
                            ? "; none of them is in the trash any more" : "; some are still in the trash");
        }
    }
}
