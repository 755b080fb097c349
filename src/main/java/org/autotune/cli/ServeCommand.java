package org.autotune.cli;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.autotune.InputError;
import org.autotune.web.Dashboard;
import org.autotune.web.Listen;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code autotune serve}: the live, read-only dashboard of every campaign under a folder, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
        "Serve a live, read-only dashboard of every campaign (*.autotune folder) under WORKSPACE: an "
            + "overview with each campaign's state, progress and best score (the numbers of 'status'), and "
            + "per campaign live plots of the score and the parameters. Pages update as samples land.",
        "Opens journals read-only; safe while campaigns run. Stop it with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "WORKSPACE", defaultValue = ".",
        description = "the folder to search for campaigns, recursively (default: the current folder)")
    Path workspace;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + Listen.DEFAULT_PORT,
        description = "the port to listen on (default: ${DEFAULT-VALUE}; 0: any free port)")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR",
        description = "the address to listen on (default: 127.0.0.1, this machine only). The dashboard has no "
            + "authentication: any other address lets others read every campaign")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        Flags.whole(workspace, "--port", port, 0, 65_535);
        if (!Files.isDirectory(workspace)) {
            throw new InputError(workspace, "", "not a folder", "pass the folder that holds your campaigns");
        }
        var listen = listen();
        var out = spec.commandLine().getOut();
        listen.warning().ifPresent(w -> {
            spec.commandLine().getErr().println(w);
            spec.commandLine().getErr().flush();
        });
        Dashboard dashboard;
        try {
            dashboard = Dashboard.start(workspace, listen);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw new InputError(workspace, "--port", "cannot listen on " + listen.address().getHostAddress()
                    + ":" + listen.port() + ": " + e.getCause().getMessage(),
                    "pass another --port, or --port 0 for any free one");
            }
            throw e;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dashboard.close();
            stopped.countDown();
        }, "autotune-dashboard-stop"));
        out.printf("dashboard: %s (campaigns under %s; read-only; Ctrl-C to stop)%n", dashboard.url(),
            workspace.toAbsolutePath().normalize());
        out.flush();
        stopped.await();
        return 0;
    }

    private Listen listen() {
        if (bind == null) {
            return Listen.loopback(port);
        }
        try {
            return Listen.bind(InetAddress.getByName(bind), port);
        } catch (UnknownHostException e) {
            throw new InputError(workspace, "--bind", "unknown address " + bind,
                "pass an address of this machine, e.g. 127.0.0.1 (the default) or 0.0.0.0 for all");
        } catch (IllegalArgumentException e) {
            throw new InputError(workspace, "--port", e.getMessage(), "pass a port in 0..65535");
        }
    }
}
