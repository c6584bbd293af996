package dev.ghcrdashboard.packages;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Which manifests of a package to read next, so that what an index already describes is never fetched: every
 * GET costs time and counts as a download on ghcr.io (docs/ghcr-platform.md, "Registry reads and downloads").
 *
 * <p>Versions come newest first. A tagged version, or a referrers tag index, is read as soon as a slot is
 * free: such versions are the indexes that place the others. An untagged version nothing places yet might be
 * an attestation its index (pushed after it, so listed before it) is about to place; it waits while a
 * possible index less than {@code reach} positions before it is being read, {@code reach} being the most
 * entries any index of the package had so far. So the reads of a multi-arch image go out index first,
 * then its platform manifests; its attestations are never read. Each version is picked at most once.
 */
final class ReadSchedule {

    /** Before any index was read: a one-platform buildx image has 2 entries, a two-platform one 4. */
    private static final int FIRST_REACH = 4;
    /** However large an index, a version this far behind a read in flight is not held back for it. */
    private static final int MAX_REACH = 64;

    private final GraphAssembly assembly;
    /** Versions that may still need a read and were not picked yet. */
    private final BitSet open = new BitSet();
    /** Positions being read that might turn out to be indexes. */
    private final TreeSet<Integer> possibleIndexesInFlight = new TreeSet<>();
    private int inFlight;
    private int reach = FIRST_REACH;

    /** The assembly must be settled ({@link GraphAssembly#settle()}) whenever this is asked. */
    ReadSchedule(GraphAssembly assembly) {
        this.assembly = assembly;
        open.set(0, assembly.size());
    }

    /** Up to {@code max} digests to read now, newest first. */
    List<String> next(int max) {
        List<String> picked = new ArrayList<>();
        for (int p = open.nextSetBit(0); p >= 0 && picked.size() < max; p = open.nextSetBit(p + 1)) {
            if (!assembly.wantsRead(p)) {
                open.clear(p);
                continue;
            }
            boolean possibleIndex = assembly.unplaced(p);
            if (possibleIndex && !assembly.heads(p) && heldBack(p)) {
                continue;
            }
            open.clear(p);
            inFlight++;
            if (possibleIndex) {
                possibleIndexesInFlight.add(p);
            }
            picked.add(assembly.digest(p));
        }
        return picked;
    }

    /** A picked read ended (read, or failed); {@code entries} is how many manifests it listed. */
    void ended(String digest, int entries) {
        Integer position = assembly.position(digest);
        if (position != null) {
            possibleIndexesInFlight.remove(position);
        }
        inFlight--;
        reach = Math.max(reach, Math.min(MAX_REACH, entries));
    }

    /** Reads picked and not ended. */
    int inFlight() {
        return inFlight;
    }

    private boolean heldBack(int position) {
        Integer before = possibleIndexesInFlight.lower(position);
        return before != null && position - before <= reach;
    }
}
