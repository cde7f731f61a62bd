package io.lakesync.examples.simulator.delta;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;

/** The Delta Kernel engine of the simulator. */
public final class KernelEngine {

    private KernelEngine() {
    }

    public static Engine create() {
        Configuration conf = new Configuration();
        // Raw local files: no .crc side files, whose staleness makes Hadoop's checksummed file
        // system fail reads later (DESIGN §7).
        conf.set("fs.file.impl", RawLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return DefaultEngine.create(conf);
    }
}
