package dev.ghcrdashboard.cleanup;

import java.time.Instant;
import java.util.List;

/**
 * One version of a job.
 *
 * @param tags the version's tags when the job was created (GitHub forgets them on delete)
 * @param unitDigest the image (root) this version was deleted with; its own digest for a root
 */
record JobItem(String jobId, int seq, long versionId, String digest, List<String> tags, String unitDigest,
                      ItemState state, String message, Instant finishedAt) {

    public JobItem {
        tags = List.copyOf(tags);
    }
}
