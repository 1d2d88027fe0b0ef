package dev.slipway.awsapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The SSM Parameter Store calls Slipway makes (GetParameter, GetParametersByPath with its pages,
 * PutParameter of a SecureString, DeleteParameter, DeleteParameters). Values are only returned,
 * never put in a message.
 */
public final class SsmParameters implements AutoCloseable {

    /** SSM's error code for a parameter that does not exist. */
    public static final String NOT_FOUND = "ParameterNotFound";

    /** A parameter's full name and value (encrypted unless read with decryption). */
    public record Parameter(String name, String value) {}

    private final AwsApi api;

    public SsmParameters(AwsApi api) {
        this.api = api;
    }

    /** Whether a refusal says the parameter does not exist. */
    public static boolean notFound(AwsServiceException e) {
        return e.awsErrorDetails() != null && NOT_FOUND.equals(e.awsErrorDetails().errorCode());
    }

    /** The parameter's value; empty when it does not exist. */
    public Optional<String> get(String name, boolean decrypt) {
        JsonObject request = new JsonObject();
        request.addProperty("Name", name);
        request.addProperty("WithDecryption", decrypt);
        try {
            JsonObject parameter = api.json("GetParameter", request).getAsJsonObject("Parameter");
            return parameter == null ? Optional.empty() : AwsApi.string(parameter, "Value");
        } catch (AwsServiceException e) {
            if (notFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every parameter under {@code path}, all pages. */
    public List<Parameter> byPath(String path, boolean recursive, boolean decrypt) {
        List<Parameter> out = new ArrayList<>();
        String next = null;
        do {
            JsonObject request = new JsonObject();
            request.addProperty("Path", path);
            request.addProperty("Recursive", recursive);
            request.addProperty("WithDecryption", decrypt);
            if (next != null) {
                request.addProperty("NextToken", next);
            }
            JsonObject page = api.json("GetParametersByPath", request);
            JsonElement parameters = page.get("Parameters");
            if (parameters != null && parameters.isJsonArray()) {
                for (JsonElement element : parameters.getAsJsonArray()) {
                    JsonObject p = element.getAsJsonObject();
                    out.add(
                            new Parameter(
                                    AwsApi.string(p, "Name").orElse(""),
                                    AwsApi.string(p, "Value").orElse("")));
                }
            }
            next = AwsApi.string(page, "NextToken").orElse(null);
        } while (next != null);
        return out;
    }

    /** PutParameter of a SecureString, overwriting. */
    public void putSecure(String name, String value, String description) {
        JsonObject request = new JsonObject();
        request.addProperty("Name", name);
        request.addProperty("Type", "SecureString");
        request.addProperty("Overwrite", true);
        request.addProperty("Description", description);
        request.addProperty("Value", value);
        api.json("PutParameter", request);
    }

    /** DeleteParameter; a parameter that does not exist is no error. */
    public void delete(String name) {
        JsonObject request = new JsonObject();
        request.addProperty("Name", name);
        try {
            api.json("DeleteParameter", request);
        } catch (AwsServiceException e) {
            if (!notFound(e)) {
                throw e;
            }
        }
    }

    /** DeleteParameters of up to 10 names. */
    public void deleteAll(List<String> names) {
        JsonArray array = new JsonArray();
        names.forEach(array::add);
        JsonObject request = new JsonObject();
        request.add("Names", array);
        api.json("DeleteParameters", request);
    }

    @Override
    public void close() {
        api.close();
    }
}
