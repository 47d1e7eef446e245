package io.skynetj.cli;

/** Entry point of the skynetj launcher (filled in by the CLI). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("skynetj");
    }
}
