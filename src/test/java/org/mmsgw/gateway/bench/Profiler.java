package org.mmsgw.gateway.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * --profile=/path/libasyncProfiler.so: async-profiler attached (through jcmd) to the gateway and to the
 * benchmark itself for the measured part of a scenario only, not the warm-up; CPU samples, per thread, written as
 * collapsed stacks, one file per process, next to the scenario's data. With --profile-event=alloc, the
 * octets allocated per stack instead of CPU samples.
 */
final class Profiler {
    private final String library;
    private final boolean allocations;

    Profiler(String library, String event) {
        this.library = library;
        this.allocations = event.equals("alloc");
        if (!allocations && !event.equals("cpu")) {
            throw new IllegalArgumentException("--profile-event is cpu or alloc, found " + event);
        }
    }

    void start(long... pids) throws IOException, InterruptedException {
        for (long pid : pids) {
            agent(pid, allocations ? "start,event=alloc,threads" : "start,event=itimer,interval=1ms,threads");
        }
    }

    void stop(Path dir, String scenario, long gatewayPid, long benchPid) throws IOException, InterruptedException {
        String output = allocations ? "stop,collapsed,total,file=" : "stop,collapsed,file=";
        agent(gatewayPid, output + dir.resolve(scenario + "-gateway.collapsed"));
        agent(benchPid, output + dir.resolve(scenario + "-bench.collapsed"));
        System.out.println("# profiles: " + dir.resolve(scenario + "-gateway.collapsed") + ", "
                + dir.resolve(scenario + "-bench.collapsed"));
    }

    private void agent(long pid, String command) throws IOException, InterruptedException {
        Jcmd.run(pid, "JVMTI.agent_load", library, "\"" + command + "\"");
    }
}
