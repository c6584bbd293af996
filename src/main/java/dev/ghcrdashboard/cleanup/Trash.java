package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.common.BadRequestException;
import dev.ghcrdashboard.github.ContainerPackage;
import dev.ghcrdashboard.github.GitHubClient;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.github.PackageVersion;
import dev.ghcrdashboard.github.VersionState;
import dev.ghcrdashboard.secrets.TokenVault;
import dev.ghcrdashboard.security.SignedInUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The trash: deleted versions GitHub can still restore (30 days), with what this dashboard recorded
 * about them, and restores that bring an image back whole (its parts before the index listing them) with the tags
 * it had, as far as GitHub allows. Placeholders that removed a tag are never offered.
 */
@Service
record Trash(GitHubClient gitHub, Jobs jobs, TokenVault vault, Clock clock) {

    static final Duration RESTORE_WINDOW = Duration.ofDays(30);
    static final String RESTORE_SCOPE = "write:packages";

    /** A package's trash: images first (newest deletes first) with their parts nested under them. */
    public List<TrashEntry> ofPackage(SignedInUser user, Owner owner, String packageName) {
        // A placeholder pushed to remove a tag was deleted on purpose: restoring it would put the tag on an empty image.
        Set<String> placeholders = jobs.placeholderDigests(owner.login(), packageName);
        List<PackageVersion> deleted = gitHub.versions(owner, packageName, VersionState.DELETED, user.token()).stream()
                .filter(version -> !placeholders.contains(version.digest())).toList();
        Map<Long, Jobs.DeletedRecord> records = jobs.deletedRecords(owner.login(), packageName);
        Instant now = clock.instant();
        Map<String, TrashEntry> flat = new LinkedHashMap<>();
        Map<String, List<TrashEntry>> membersOf = new HashMap<>();
        for (PackageVersion version : deleted) {
            Jobs.DeletedRecord record = records.get(version.id());
            boolean ours = record != null && record.digest().equals(version.digest());
            String unit = ours ? record.unitDigest() : version.digest();
            Instant deletedAt = version.deletedAt() != null ? version.deletedAt() : ours ? record.deletedAt() : null;
            long daysLeft = deletedAt == null ? 0 : daysLeft(now, deletedAt);
            TrashEntry entry = new TrashEntry(packageName, version.id(), version.digest(), ours ? record.tags() : List.of(),
                    ours ? record.actor() : null, deletedAt, daysLeft, ours ? record.jobId() : null, List.of(),
                    unit.equals(version.digest()) ? null : unit);
            flat.put(version.digest(), entry);
        }
        List<TrashEntry> roots = new ArrayList<>();
        for (TrashEntry entry : flat.values()) {
            if (entry.partOfDigest() != null && flat.containsKey(entry.partOfDigest())) {
                membersOf.computeIfAbsent(entry.partOfDigest(), digest -> new ArrayList<>()).add(entry);
            } else {
                roots.add(entry);
            }
        }
        List<TrashEntry> result = new ArrayList<>();
        for (TrashEntry root : roots) {
            result.add(new TrashEntry(root.packageName(), root.versionId(), root.digest(), root.tags(), root.deletedBy(),
                    root.deletedAt(), root.daysLeft(), root.jobId(), membersOf.getOrDefault(root.digest(), List.of()),
                    root.partOfDigest()));
        }
        result.sort(Comparator.comparing(TrashEntry::deletedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return result;
    }

    /** Whole days left to restore, counting a started day: a version deleted a minute ago has 30. */
    static long daysLeft(Instant now, Instant deletedAt) {
        long seconds = Duration.between(now, deletedAt.plus(RESTORE_WINDOW)).toSeconds();
        return seconds <= 0 ? 0 : (seconds + 86_399) / 86_400;
    }

    /** Every package's trash, for an owner's overview (packages with an empty trash are left out). */
    public Map<String, List<TrashEntry>> ofOwner(SignedInUser user, Owner owner) {
        Map<String, List<TrashEntry>> byPackage = new LinkedHashMap<>();
        for (ContainerPackage pkg : gitHub.packages(owner, user.token())) {
            List<TrashEntry> entries = ofPackage(user, owner, pkg.name());
            if (!entries.isEmpty()) {
                byPackage.put(pkg.name(), entries);
            }
        }
        return byPackage;
    }

    /**
     * Starts a restore job for the chosen versions and everything deleted with them that is still in
     * the trash, ordered so an index comes back after what it lists.
     *
     * @return the job id
     */
    public String restore(SignedInUser user, Owner owner, String packageName, Set<Long> versionIds) {
        if (versionIds.isEmpty()) {
            throw new BadRequestException("Choose at least one version to restore.");
        }
        List<TrashEntry> trash = ofPackage(user, owner, packageName);
        Map<Long, TrashEntry> byId = new HashMap<>();
        trash.forEach(entry -> {
            byId.put(entry.versionId(), entry);
            entry.members().forEach(member -> byId.put(member.versionId(), member));
        });
        Set<TrashEntry> chosen = new LinkedHashSet<>();
        for (Long id : versionIds) {
            TrashEntry entry = byId.get(id);
            if (entry == null) {
                throw new BadRequestException("Version " + id + " is not in the trash of " + packageName + " (any more).");
            }
            chosen.add(entry);
            chosen.addAll(entry.members());
        }
        Map<Long, Integer> deleteOrder = new HashMap<>();
        jobs.deletedRecords(owner.login(), packageName).values().forEach(record -> deleteOrder.put(record.versionId(), record.seq()));
        // Parts first (they were deleted after their index), then what lists them; unknown order last.
        List<TrashEntry> ordered = new ArrayList<>(chosen);
        ordered.sort(Comparator.comparing((TrashEntry entry) -> entry.partOfDigest() == null ? 1 : 0)
                .thenComparing(entry -> -deleteOrder.getOrDefault(entry.versionId(), -1)));
        List<Jobs.NewItem> items = new ArrayList<>(ordered.stream()
                .map(entry -> new Jobs.NewItem(entry.versionId(), entry.digest(), entry.tags(),
                        entry.partOfDigest() == null ? entry.digest() : entry.partOfDigest()))
                .toList());
        // Then the tags this dashboard recorded, put back where GitHub did not restore them and no other image took them.
        for (TrashEntry entry : ordered) {
            for (String tag : entry.tags()) {
                items.add(new Jobs.NewItem(JobKind.ADD_TAG, entry.versionId(), entry.digest(), entry.tags(),
                        entry.partOfDigest() == null ? entry.digest() : entry.partOfDigest(), tag, null));
            }
        }
        return jobs.create(JobKind.RESTORE, user.login(), owner, packageName, items, vault.seal(user.token()));
    }
}
