package dev.slipway.core.log;

import com.google.gson.annotations.SerializedName;
import java.util.Locale;

/** The part of a deployment a log line belongs to (contract section 6). */
public enum Phase {
    @SerializedName("launch")
    LAUNCH,
    @SerializedName("clone")
    CLONE,
    @SerializedName("install")
    INSTALL,
    @SerializedName("build")
    BUILD,
    @SerializedName("upload")
    UPLOAD,
    @SerializedName("publish")
    PUBLISH;

    /** The contract's spelling, lower case. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
