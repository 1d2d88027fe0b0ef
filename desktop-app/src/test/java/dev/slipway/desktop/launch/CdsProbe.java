package dev.slipway.desktop.launch;

/** The main class of the jar that {@link BuilderCommandTest} runs with a CDS archive. */
public final class CdsProbe {

    private CdsProbe() {}

    public static void main(String[] args) {
        System.out.println("probe ran");
    }
}
