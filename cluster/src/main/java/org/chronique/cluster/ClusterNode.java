package org.chronique.cluster;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node in this JVM, started from the published jars rather than a distribution:
 * the plugins a distribution would load from its modules folder are given as classes.
 *
 * <p>Usage: {@code java -cp ... org.chronique.cluster.ClusterNode key=value ...}, each argument
 * one node setting (path.home, node.name, http.port, ...). The node runs until the JVM is told to
 * stop (SIGTERM or Ctrl-C closes it cleanly; SIGKILL is what the fault tests use).
 */
public final class ClusterNode extends Node {

    /** Netty4 for HTTP and transport; analysis-common for the French analyzer's filters. */
    static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);

    private ClusterNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(environment, plugins, true);
    }

    /** Settings every node needs whatever the caller gives: the known pitfalls of a shared machine. */
    static Settings.Builder defaults() {
        return Settings.builder()
            .put("network.host", "127.0.0.1")
            // Shared disks are often fuller than the 85 % low watermark: shards would not be placed.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("bootstrap.memory_lock", false);
    }

    static Settings parse(String[] args) {
        Settings.Builder builder = defaults();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got: " + arg);
            }
            builder.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return builder.build();
    }

    public static void main(String[] args) throws Exception {
        // Netty would set the available processors itself, which OpenSearch has already done.
        System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
        Settings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(64);
            return;
        }
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, java.util.Map.of(), null, () -> settings.get("node.name"));
        ClusterNode node = new ClusterNode(environment, PLUGINS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "chronique-node-stop"));
        node.start();
        System.out.println("chronique node started: " + settings.get("node.name"));
        stopped.await();
    }
}
