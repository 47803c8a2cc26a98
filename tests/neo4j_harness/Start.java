// A real Neo4j 5.26 (Community) server for the netmap test suite, started
// in-process from the Neo4j test harness (org.neo4j.test:neo4j-harness).
//
// No build step: Java 11+ runs this single source file directly, with the
// classpath that Maven resolves from pom.xml next to this file:
//
//   mvn -B -q -f tests/neo4j_harness/pom.xml dependency:build-classpath \
//       -Dmdep.outputFile=target/classpath.txt
//   java -Xmx768m -cp "$(cat tests/neo4j_harness/target/classpath.txt)" \
//       tests/neo4j_harness/Start.java --port 7687 --data-dir /tmp/neo4j-test
//
// (tests/neo4jserver.py does all of this for the Python tests.)
//
// Options (each also readable from an environment variable):
//   --port N          NEO4J_HARNESS_PORT      Bolt port (required, 0 = random)
//   --host H          NEO4J_HARNESS_HOST      listen address (default 127.0.0.1)
//   --data-dir D      NEO4J_HARNESS_DATA_DIR  persistent directory (required);
//                                             the databases live in D/data and
//                                             survive a stop and a new start
//   NEO4J_HARNESS_PASSWORD (environment only, so it is not visible in `ps`):
//                     when set, auth is ON and user `neo4j` gets this password
//                     (at least 8 characters); when unset, auth is OFF
//   --conf key=value  any other Neo4j setting, e.g. --conf db.logs.query.enabled=OFF
//   --no-gds          NEO4J_HARNESS_GDS=0     do not register the Graph Data Science
//                                             procedures (OpenGDS, on the classpath from
//                                             pom.xml; registered by default when present)
//   --no-stdin-watch  keep running when stdin closes (default: stdin EOF stops
//                     the server, so it never outlives the process that
//                     started it with a pipe)
//
// Prints "READY bolt://HOST:PORT" on stdout once Bolt accepts connections
// (and the password is set), "STOPPED" after a clean shutdown.  SIGTERM,
// SIGINT and stdin EOF all shut the databases down cleanly.

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.SettingImpl;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

public class Start {

    private static final AtomicBoolean closed = new AtomicBoolean(false);
    private static final CountDownLatch stopped = new CountDownLatch(1);
    private static volatile Neo4j server;

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            System.err.println("FAILED to start Neo4j: " + t);
            t.printStackTrace(System.err);
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    private static void run(String[] args) throws Exception {
        String host = env("NEO4J_HARNESS_HOST", "127.0.0.1");
        String port = env("NEO4J_HARNESS_PORT", null);
        String dataDir = env("NEO4J_HARNESS_DATA_DIR", null);
        String password = env("NEO4J_HARNESS_PASSWORD", null);
        boolean watchStdin = true;
        boolean gds = !"0".equals(env("NEO4J_HARNESS_GDS", "1"));
        Map<String, String> extra = new LinkedHashMap<>();

        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> port = need(args, ++i, a);
                case "--host" -> host = need(args, ++i, a);
                case "--data-dir" -> dataDir = need(args, ++i, a);
                case "--no-stdin-watch" -> watchStdin = false;
                case "--no-gds" -> gds = false;
                case "--conf" -> {
                    String kv = need(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) throw new IllegalArgumentException("--conf wants key=value, got: " + kv);
                    extra.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
                case "-h", "--help" -> {
                    System.out.println("usage: Start.java --port N --data-dir DIR [--host H] "
                            + "[--conf key=value]... [--no-stdin-watch]  (password: env NEO4J_HARNESS_PASSWORD)");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        if (port == null) throw new IllegalArgumentException("missing --port (or NEO4J_HARNESS_PORT)");
        if (dataDir == null) throw new IllegalArgumentException("missing --data-dir (or NEO4J_HARNESS_DATA_DIR)");
        if (password != null && password.isEmpty()) password = null;

        Path root = Path.of(dataDir).toAbsolutePath();
        Files.createDirectories(root);

        // Settings by their documented names; later entries (--conf) win.
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("server.bolt.enabled", "true");
        conf.put("server.bolt.listen_address", host + ":" + Integer.parseInt(port));
        conf.put("server.bolt.advertised_address", host + ":" + Integer.parseInt(port));
        conf.put("server.bolt.tls_level", "DISABLED");
        // The harness gives each run a fresh random home under `root` and
        // deletes it on close; keep the databases and logs outside it.
        conf.put("server.directories.data", root.resolve("data").toString());
        conf.put("server.directories.logs", root.resolve("logs").toString());
        conf.put("dbms.security.auth_enabled", password != null ? "true" : "false");
        // Modest memory and disk use.
        conf.put("server.memory.pagecache.size", "64m");
        conf.put("db.tx_log.rotation.retention_policy", "2 files");
        conf.put("db.tx_log.rotation.size", "16m");
        conf.put("db.tx_log.preallocate", "false");
        conf.put("dbms.usage_report.enabled", "false");
        // Stop in well under a second instead of 2 x 5 s of Netty quiet period.
        conf.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        // Tests try wrong passwords on purpose: no 5 s lock-out after 3 failures.
        conf.put("dbms.security.auth_max_failed_attempts", "0");
        conf.putAll(extra);

        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(root).withDisabledServer();
        int gdsProcedures = 0;
        if (gds) {
            List<Class<?>> classes = gdsProcedureClasses();
            for (Class<?> c : classes) {
                builder = register(builder, c);
            }
            gdsProcedures = classes.size();
            if (gdsProcedures > 0) {
                // GDS procedures need unrestricted access to the kernel.
                conf.putIfAbsent("dbms.security.procedures.unrestricted", "gds.*");
                conf.putIfAbsent("dbms.security.procedures.allowlist", "gds.*");
            }
        }
        Map<String, Setting<Object>> declared = Config.defaults().getDeclaredSettings();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> e : conf.entrySet()) {
            Setting<Object> setting = declared.get(e.getKey());
            if (setting == null) {
                unknown.add(e.getKey());
                continue;
            }
            @SuppressWarnings("unchecked")
            Object value = ((SettingImpl<Object>) setting).parse(e.getValue());
            builder = builder.withConfig(setting, value);
        }
        if (!unknown.isEmpty()) {
            if (extra.keySet().stream().anyMatch(unknown::contains)) {
                throw new IllegalArgumentException("unknown Neo4j setting(s): " + unknown);
            }
            System.err.println("note: settings not known to this Neo4j version, skipped: " + unknown);
        }

        Runtime.getRuntime().addShutdownHook(new Thread(Start::shutdown, "neo4j-shutdown"));

        long t0 = System.nanoTime();
        server = builder.build();

        if (password != null) {
            setPassword(server, password);
        }

        if (watchStdin) {
            Thread watcher = new Thread(() -> {
                try {
                    InputStream in = System.in;
                    byte[] buf = new byte[256];
                    while (in.read(buf) >= 0) {
                        // ignore anything written to us; only EOF matters
                    }
                } catch (IOException ignored) {
                    // treat a broken stdin like EOF
                }
                System.err.println("stdin closed: shutting down");
                System.exit(0); // runs the shutdown hook
            }, "stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.err.println("Neo4j started in " + ms + " ms, data in " + root.resolve("data")
                + ", auth " + (password != null ? "ON (user neo4j)" : "OFF")
                + ", GDS " + (gdsProcedures > 0 ? gdsProcedures + " procedure classes" : "off"));
        System.out.println("READY bolt://" + host + ":" + server.boltURI().getPort());
        System.out.flush();

        stopped.await();
    }

    /**
     * With auth on, a fresh system database has user neo4j / password "neo4j"
     * with a forced change.  The embedded API runs as a fully privileged
     * internal user, so set the wanted password directly on the system
     * database before announcing READY.
     */
    private static void setPassword(Neo4j neo4j, String password) {
        var system = neo4j.databaseManagementService().database("system");
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // Restart on the same data dir with the same password: Neo4j may refuse
            // to "change" to the identical password; that is the state we want.
            String msg = String.valueOf(e.getMessage()) + " " + String.valueOf(e.getCause());
            if (!msg.toLowerCase().contains("same")) {
                throw e;
            }
        }
    }

    private static void shutdown() {
        if (!closed.compareAndSet(false, true)) return;
        Neo4j s = server;
        if (s != null) {
            try {
                s.close();
                System.out.println("STOPPED");
            } catch (Throwable t) {
                System.err.println("error while stopping Neo4j: " + t);
            }
            System.out.flush();
        }
        stopped.countDown();
    }

    /**
     * The classes of OpenGDS (org.neo4j.gds jars on the classpath) that declare a procedure or
     * function.  The harness only knows procedures it is given; the GDS extension itself (the
     * graph catalog) is found by Neo4j through its ExtensionFactory service file.
     */
    private static List<Class<?>> gdsProcedureClasses() throws IOException {
        List<Class<?>> found = new ArrayList<>();
        ClassLoader loader = Start.class.getClassLoader();
        String sep = System.getProperty("path.separator");
        for (String entry : System.getProperty("java.class.path").split(java.util.regex.Pattern.quote(sep))) {
            String path = entry.replace('\\', '/');
            String file = path.substring(path.lastIndexOf('/') + 1);
            // the procedures live in proc*.jar, alpha-proc, the projections and the facades' procedure jars
            if (!path.contains("/org/neo4j/gds/") || !file.endsWith(".jar")
                    || !(file.contains("proc") || file.contains("projection") || file.contains("aggregation"))) continue;
            try (JarFile jar = new JarFile(entry)) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    String name = e.getName();
                    if (!name.endsWith(".class")) continue;
                    if (name.contains("$")) continue;
                    String cls = name.substring(0, name.length() - 6).replace('/', '.');
                    Class<?> c;
                    try {
                        c = Class.forName(cls, false, loader);
                    } catch (Throwable t) {
                        continue;
                    }
                    if (declaresProcedure(c)) found.add(c);
                }
            }
        }
        return found;
    }

    private static boolean declaresProcedure(Class<?> c) {
        try {
            for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(org.neo4j.procedure.Procedure.class)
                        || m.isAnnotationPresent(org.neo4j.procedure.UserFunction.class)
                        || m.isAnnotationPresent(org.neo4j.procedure.UserAggregationFunction.class)) {
                    return true;
                }
            }
        } catch (Throwable t) {
            return false;
        }
        return false;
    }

    private static Neo4jBuilder register(Neo4jBuilder builder, Class<?> c) {
        boolean procedure = false, function = false, aggregation = false;
        for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
            procedure |= m.isAnnotationPresent(org.neo4j.procedure.Procedure.class);
            function |= m.isAnnotationPresent(org.neo4j.procedure.UserFunction.class);
            aggregation |= m.isAnnotationPresent(org.neo4j.procedure.UserAggregationFunction.class);
        }
        if (procedure) builder = builder.withProcedure(c);
        if (function) builder = builder.withFunction(c);
        if (aggregation) builder = builder.withAggregationFunction(c);
        return builder;
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? dflt : v;
    }

    private static String need(String[] args, int i, String opt) {
        if (i >= args.length) throw new IllegalArgumentException(opt + " needs a value");
        return args[i];
    }
}
