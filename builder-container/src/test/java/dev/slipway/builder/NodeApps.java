package dev.slipway.builder;

import java.util.HashMap;
import java.util.Map;

/** Small Node apps for tests: no dependencies, so installing them needs no network. */
final class NodeApps {

    private NodeApps() {}

    /** An empty lockfile: {@code npm ci} installs nothing and never asks the registry. */
    static final String EMPTY_LOCK =
            """
      {"name":"app","version":"1.0.0","lockfileVersion":3,"requires":true,
       "packages":{"":{"name":"app","version":"1.0.0"}}}
      """;

    /** An app whose build runs {@code build.js}. */
    static Map<String, String> withBuildScript(String buildJs) {
        Map<String, String> files = new HashMap<>();
        files.put(
                "package.json",
                "{\"name\":\"app\",\"version\":\"1.0.0\",\"scripts\":{\"build\":\"node build.js\"}}");
        files.put("package-lock.json", EMPTY_LOCK);
        files.put("build.js", buildJs);
        return files;
    }

    /**
     * Writes build/index.html, build/env.json (its whole environment) and build/app.js; prints
     * {@code lines} numbered lines on stdout and on stderr, a 3 MiB line and bytes that are not
     * UTF-8.
     */
    static Map<String, String> chatty(int lines) {
        return withBuildScript(
                """
        const fs = require('fs');
        for (let i = 0; i < %d; i++) {
          console.log('out line ' + i);
          console.error('err line ' + i);
        }
        process.stdout.write('L'.repeat(3 * 1024 * 1024) + '\\n');
        process.stdout.write(Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0x21, 0x0a]));
        process.stdout.write('\\u001b[32mgreen\\u001b[0m\\n');
        fs.mkdirSync('build/assets', {recursive: true});
        fs.writeFileSync('build/index.html', '<!doctype html><h1>built</h1>');
        fs.writeFileSync('build/env.json', JSON.stringify(process.env));
        fs.writeFileSync('build/assets/app.js', 'console.log("app");\\n'.repeat(500));
        """
                        .formatted(lines));
    }
}
