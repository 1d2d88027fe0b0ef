package dev.slipway.core.log;

import com.google.gson.annotations.SerializedName;
import java.util.Locale;

/** Where a log line came from: the tool's stdout or stderr, or Slipway itself. */
public enum OutputStream {
    @SerializedName("stdout")
    STDOUT,
    @SerializedName("stderr")
    STDERR,
    @SerializedName("system")
    SYSTEM;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
