package dev.ghcrdashboard.visibility;

/** Where a guided visibility change stands. Everything but {@link #WAITING} is final. */
enum ChangeState {
    /** The person has been sent to GitHub; the dashboard polls until GitHub reports the target. */
    WAITING,
    /** GitHub reports the target and an anonymous pull agrees. */
    VERIFIED,
    /** GitHub reports the target but the anonymous pull says otherwise. */
    MISMATCH,
    /** GitHub did not report the target before the deadline. */
    TIMED_OUT,
    /** Someone stopped watching. */
    CANCELLED;

    public boolean isFinal() {
        return this != WAITING;
    }
}
