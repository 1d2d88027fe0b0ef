package dev.slipway.core.content;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The content type a file is served with, from its name; and whether that type is worth
 * compressing. Text types carry {@code charset=utf-8}; an unknown extension is {@code
 * application/octet-stream}. The builder writes the type into the manifest; the proxy sends it.
 */
public final class ContentTypes {

    public static final String OCTET_STREAM = "application/octet-stream";
    private static final String UTF8 = "; charset=utf-8";

    private static final Map<String, String> BY_EXTENSION =
            Map.ofEntries(
                    Map.entry("html", "text/html" + UTF8),
                    Map.entry("htm", "text/html" + UTF8),
                    Map.entry("css", "text/css" + UTF8),
                    Map.entry("js", "text/javascript" + UTF8),
                    Map.entry("mjs", "text/javascript" + UTF8),
                    Map.entry("cjs", "text/javascript" + UTF8),
                    Map.entry("json", "application/json" + UTF8),
                    Map.entry("map", "application/json" + UTF8),
                    Map.entry("webmanifest", "application/manifest+json" + UTF8),
                    Map.entry("txt", "text/plain" + UTF8),
                    Map.entry("md", "text/markdown" + UTF8),
                    Map.entry("csv", "text/csv" + UTF8),
                    Map.entry("xml", "application/xml" + UTF8),
                    Map.entry("rss", "application/rss+xml" + UTF8),
                    Map.entry("atom", "application/atom+xml" + UTF8),
                    Map.entry("svg", "image/svg+xml" + UTF8),
                    Map.entry("yaml", "application/yaml" + UTF8),
                    Map.entry("yml", "application/yaml" + UTF8),
                    Map.entry("ics", "text/calendar" + UTF8),
                    Map.entry("vtt", "text/vtt" + UTF8),
                    Map.entry("wasm", "application/wasm"),
                    Map.entry("pdf", "application/pdf"),
                    Map.entry("png", "image/png"),
                    Map.entry("apng", "image/apng"),
                    Map.entry("jpg", "image/jpeg"),
                    Map.entry("jpeg", "image/jpeg"),
                    Map.entry("gif", "image/gif"),
                    Map.entry("webp", "image/webp"),
                    Map.entry("avif", "image/avif"),
                    Map.entry("bmp", "image/bmp"),
                    Map.entry("ico", "image/x-icon"),
                    Map.entry("tif", "image/tiff"),
                    Map.entry("tiff", "image/tiff"),
                    Map.entry("woff", "font/woff"),
                    Map.entry("woff2", "font/woff2"),
                    Map.entry("ttf", "font/ttf"),
                    Map.entry("otf", "font/otf"),
                    Map.entry("eot", "application/vnd.ms-fontobject"),
                    Map.entry("mp4", "video/mp4"),
                    Map.entry("webm", "video/webm"),
                    Map.entry("ogv", "video/ogg"),
                    Map.entry("mov", "video/quicktime"),
                    Map.entry("mp3", "audio/mpeg"),
                    Map.entry("ogg", "audio/ogg"),
                    Map.entry("oga", "audio/ogg"),
                    Map.entry("wav", "audio/wav"),
                    Map.entry("flac", "audio/flac"),
                    Map.entry("m4a", "audio/mp4"),
                    Map.entry("zip", "application/zip"),
                    Map.entry("gz", "application/gzip"),
                    Map.entry("tar", "application/x-tar"),
                    Map.entry("glb", "model/gltf-binary"),
                    Map.entry("gltf", "model/gltf+json"));

    private static final Set<String> COMPRESSIBLE_NON_TEXT =
            Set.of(
                    "application/json",
                    "application/manifest+json",
                    "application/xml",
                    "application/rss+xml",
                    "application/atom+xml",
                    "application/yaml",
                    "application/wasm",
                    "application/vnd.ms-fontobject",
                    "image/svg+xml",
                    "image/x-icon",
                    "image/bmp",
                    "font/ttf",
                    "font/otf",
                    "model/gltf+json");

    private ContentTypes() {}

    /** The type for a path or file name, by its last extension, case-insensitively. */
    public static String forPath(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return OCTET_STREAM;
        }
        return BY_EXTENSION.getOrDefault(
                name.substring(dot + 1).toLowerCase(Locale.ROOT), OCTET_STREAM);
    }

    /**
     * Whether a body of this type shrinks under gzip or brotli: text, JSON, JavaScript, XML, SVG,
     * WebAssembly and uncompressed fonts; not images, audio, video, archives or WOFF fonts.
     */
    public static boolean isCompressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mime = contentType;
        int semicolon = mime.indexOf(';');
        if (semicolon >= 0) {
            mime = mime.substring(0, semicolon);
        }
        mime = mime.trim().toLowerCase(Locale.ROOT);
        return mime.startsWith("text/") || COMPRESSIBLE_NON_TEXT.contains(mime);
    }
}
