package dev.slipway.builder.detect;

/** The package managers Slipway knows, each with the lockfile that picks it. */
public enum PackageManager {
    NPM("npm", "package-lock.json", "npm ci"),
    YARN("yarn", "yarn.lock", "yarn install --frozen-lockfile"),
    YARN_BERRY("yarn", "yarn.lock", "yarn install --immutable"),
    PNPM("pnpm", "pnpm-lock.yaml", "pnpm install --frozen-lockfile");

    private final String command;
    private final String lockfile;
    private final String frozenInstall;

    PackageManager(String command, String lockfile, String frozenInstall) {
        this.command = command;
        this.lockfile = lockfile;
        this.frozenInstall = frozenInstall;
    }

    /** The executable's name. */
    public String command() {
        return command;
    }

    public String lockfile() {
        return lockfile;
    }

    /** The install that refuses to change the lockfile. */
    public String frozenInstall() {
        return frozenInstall;
    }
}
