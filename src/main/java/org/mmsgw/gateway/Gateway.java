package org.mmsgw.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.main.Main;

/**
 * Starts the gateway: Camel Main with the settings of {@code config/application.properties} (or the
 * file given with {@code --config}) and the route files of {@code routes/}. Every setting can be
 * overridden by an environment variable: upper case, {@code .} and {@code -} as {@code _}
 * ({@code GATEWAY_HTTP_PORT}).
 */
public final class Gateway {
    private Gateway() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of("config/application.properties");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                config = Path.of(args[++i]);
            } else {
                System.err.println("usage: mmsgw run [--config FILE]");
                System.exit(1);
            }
        }
        if (!Files.isRegularFile(config)) {
            System.err.println("error: no configuration file " + config.toAbsolutePath());
            System.exit(1);
        }
        System.exit(create(config, Map.of()).run(new String[0]));
    }

    /**
     * A Camel Main for the configuration file, with {@code overrides} taking precedence over it (tests
     * use them for ports and directories).
     */
    public static Main create(Path config, Map<String, String> overrides) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + config.toAbsolutePath());
        overrides.forEach(main::addOverrideProperty);
        main.configure().addConfiguration(new GatewayConfiguration());
        return main;
    }
}
