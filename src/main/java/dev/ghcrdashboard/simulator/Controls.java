package dev.ghcrdashboard.simulator;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

final class Controls implements SimulatorControl {

    private final State state;
    private final Faults faults;
    private final Counters counters;
    final List<Consumer<RecordedExchange>> listeners = new CopyOnWriteArrayList<>();
    volatile Duration latency;

    Controls(State state, Faults faults, Counters counters, Duration latency) {
        this.state = state;
        this.faults = faults;
        this.counters = counters;
        this.latency = latency;
    }

    @Override
    public void setVisibility(String owner, String packageName, String visibility) {
        if (!Scenario.VISIBILITIES.contains(visibility)) {
            throw new IllegalArgumentException("visibility must be one of " + Scenario.VISIBILITIES);
        }
        locked(() -> {
            Model.Package pkg = pkg(owner, packageName);
            pkg.visibility = visibility;
            pkg.updatedAt = state.clock.instant();
            return null;
        });
    }

    @Override
    public void setOrgRole(String org, String login, String role) {
        if (role != null && !role.equals("admin") && !role.equals("member")) {
            throw new IllegalArgumentException("role must be admin, member or null");
        }
        locked(() -> {
            Model.Org found = state.orgs.get(org);
            if (found == null || !state.users.containsKey(login)) {
                throw new NoSuchElementException("no org " + org + " or user " + login);
            }
            Model.Org changed = found.withRole(login, role);
            if (role == null) {
                Map<String, List<String>> teams = new java.util.LinkedHashMap<>();
                changed.teams().forEach((slug, members) ->
                        teams.put(slug, members.stream().filter(member -> !member.equals(login)).toList()));
                changed = new Model.Org(changed.id(), changed.login(), changed.description(), changed.roles(), Map.copyOf(teams));
            }
            state.orgs.put(org, changed);
            return null;
        });
    }

    @Override
    public void deleteVersionAsSomeoneElse(String owner, String packageName, long versionId) {
        locked(() -> {
            Model.Package pkg = pkg(owner, packageName);
            Model.Version version = pkg.byId.get(versionId);
            if (version == null) {
                throw new NoSuchElementException("no version " + versionId + " in " + owner + "/" + packageName);
            }
            if (version.active()) {
                pkg.delete(version, state.clock.instant());
            }
            return null;
        });
    }

    @Override
    public String pushTag(String owner, String packageName, String tag) {
        return locked(() -> state.pushTag(pkg(owner, packageName), tag));
    }

    @Override
    public void setLatency(Duration latency) {
        this.latency = latency == null ? Duration.ZERO : latency;
    }

    @Override
    public void addFault(FaultRule rule) {
        faults.add(rule);
    }

    @Override
    public void clearFaults() {
        faults.clear();
    }

    @Override
    public RequestCounts counts() {
        return counters.snapshot();
    }

    @Override
    public void resetCounts() {
        counters.reset();
    }

    @Override
    public List<SimulatedVersion> versions(String owner, String packageName, boolean deleted) {
        return locked(() -> pkg(owner, packageName).listing(deleted).stream().map(Model.Version::view).toList());
    }

    @Override
    public Optional<String> resolveTag(String owner, String packageName, String tag) {
        return locked(() -> state.resolveTag(state.anyPackage(owner, packageName), tag));
    }

    @Override
    public boolean isComplete(String owner, String packageName, String digest) {
        return locked(() -> {
            Model.Package pkg = state.anyPackage(owner, packageName);
            return pkg != null && state.isComplete(pkg, digest);
        });
    }

    @Override
    public String visibility(String owner, String packageName) {
        return locked(() -> pkg(owner, packageName).visibility);
    }

    @Override
    public void addExchangeListener(Consumer<RecordedExchange> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeExchangeListener(Consumer<RecordedExchange> listener) {
        listeners.remove(listener);
    }

    private Model.Package pkg(String owner, String name) {
        Model.Package pkg = state.anyPackage(owner, name);
        if (pkg == null) {
            throw new NoSuchElementException("no package " + owner + "/" + name);
        }
        return pkg;
    }

    private <T> T locked(Supplier<T> action) {
        state.lock.lock();
        try {
            return action.get();
        } finally {
            state.lock.unlock();
        }
    }
}
