package io.skynetj.console;

/** What one console command does; it reads its arguments from and prints to the context. */
@FunctionalInterface
interface Command {
    void run(CommandContext ctx);
}
