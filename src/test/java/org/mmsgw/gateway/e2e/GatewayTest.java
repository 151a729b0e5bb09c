package org.mmsgw.gateway.e2e;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.mmsgw.gateway.fixtures.TestSmsc;

/** A fresh independent SMSC and a fresh gateway (own data directory) for each test. */
abstract class GatewayTest {
    @TempDir
    Path data;
    TestSmsc smsc;
    RunningGateway gateway;

    /** Settings on top of the shipped configuration for this class's gateways. */
    Map<String, String> settings() {
        return Map.of();
    }

    /** The SMSC for this class's tests. */
    TestSmsc openSmsc() {
        return TestSmsc.open();
    }

    @BeforeEach
    void startGateway() throws Exception {
        smsc = openSmsc();
        gateway = RunningGateway.start(data, smsc.port(), settings());
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
        smsc.close();
    }
}
