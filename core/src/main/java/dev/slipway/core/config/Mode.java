package dev.slipway.core.config;

import com.google.gson.annotations.SerializedName;
import java.util.Locale;

/** Where builds run: on this machine, or as ECS tasks in the user's AWS account. */
public enum Mode {
    @SerializedName("local")
    LOCAL,
    @SerializedName("aws")
    AWS;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
