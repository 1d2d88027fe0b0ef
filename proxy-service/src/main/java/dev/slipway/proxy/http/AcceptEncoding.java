package dev.slipway.proxy.http;

import java.util.Locale;

/** Which compressed codings an {@code Accept-Encoding} header allows (q=0 means no). */
record AcceptEncoding(boolean brotli, boolean gzip) {

    static final AcceptEncoding NONE = new AcceptEncoding(false, false);

    static AcceptEncoding parse(String header) {
        if (header == null || header.isEmpty()) {
            return NONE;
        }
        Boolean br = null;
        Boolean gz = null;
        boolean star = false;
        for (String part : header.split(",")) {
            String[] params = part.split(";");
            String coding = params[0].trim().toLowerCase(Locale.ROOT);
            boolean allowed = true;
            for (int i = 1; i < params.length; i++) {
                String p = params[i].trim().toLowerCase(Locale.ROOT);
                if (p.startsWith("q=")) {
                    try {
                        allowed = Double.parseDouble(p.substring(2).trim()) > 0;
                    } catch (NumberFormatException e) {
                        allowed = false;
                    }
                }
            }
            switch (coding) {
                case "br" -> br = allowed;
                case "gzip", "x-gzip" -> gz = allowed;
                case "*" -> star = allowed;
                default -> {}
            }
        }
        return new AcceptEncoding(br != null ? br : star, gz != null ? gz : star);
    }
}
