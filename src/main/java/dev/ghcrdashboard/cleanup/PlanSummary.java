package dev.ghcrdashboard.cleanup;

import java.util.Locale;

/**
 * The numbers a confirmation dialog or an audit entry shows for a {@link DeletePlan}.
 *
 * @param images units deleted (picked or matched roots)
 * @param versions versions deleted, the units' parts included
 */
record PlanSummary(int images, int versions, int kept, int refused, long reclaimedBytes) {

    public static PlanSummary of(DeletePlan plan) {
        int images = (int) plan.toDelete().stream().filter(item -> item.reason() != PlanItem.Reason.GOES_WITH).count();
        return new PlanSummary(images, plan.toDelete().size(), plan.kept().size(), plan.refused().size(), plan.reclaimedBytes());
    }

    /** One line: "Deletes 2 images (9 versions), freeing 61.4 MB. 1 version stays. 1 version cannot be deleted." */
    public String headline() {
        StringBuilder line = new StringBuilder();
        if (versions == 0) {
            line.append("Deletes nothing.");
        } else {
            line.append("Deletes ").append(count(images, "image")).append(" (").append(count(versions, "version")).append("), freeing ")
                    .append(bytes(reclaimedBytes)).append('.');
        }
        if (kept > 0) {
            line.append(' ').append(count(kept, "version")).append(kept == 1 ? " stays." : " stay.");
        }
        if (refused > 0) {
            line.append(' ').append(count(refused, "version")).append(" cannot be deleted.");
        }
        return line.toString();
    }

    /** Decimal units, as GitHub shows package sizes: 1.5 kB, 61.4 MB, 2.0 GB. */
    public static String bytes(long bytes) {
        if (bytes < 1_000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1_000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
