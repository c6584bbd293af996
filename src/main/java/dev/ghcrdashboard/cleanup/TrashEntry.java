package dev.ghcrdashboard.cleanup;

import java.time.Instant;
import java.util.List;

/**
 * A deleted version GitHub still holds.
 *
 * @param tags the tags it had, from this dashboard's records (GitHub forgets them); empty when unknown
 * @param deletedBy who deleted it through this dashboard; {@code null} when someone else did (elsewhere)
 * @param members trash versions deleted together with this image (its platform manifests, attestations…)
 * @param partOfDigest the image this version was deleted with, when that image is in the trash too
 */
record TrashEntry(String packageName, long versionId, String digest, List<String> tags, String deletedBy,
                         Instant deletedAt, long daysLeft, String jobId, List<TrashEntry> members, String partOfDigest) {

    public TrashEntry {
        tags = List.copyOf(tags);
        members = List.copyOf(members);
    }
}
