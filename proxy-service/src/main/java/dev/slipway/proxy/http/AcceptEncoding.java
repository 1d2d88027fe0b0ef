package dev.slipway.proxy.http;

import dev.slipway.core.storage.StorageLayout.Encoding;
import java.util.List;

/**
 * The compressed codings an {@code Accept-Encoding} header allows, with their q-values (RFC 9110
 * section 12.5.3): q=0 means no, a higher q is preferred, and brotli wins a tie. {@code *} stands
 * for a coding the header does not name. Parsed without allocating for the common headers.
 */
record AcceptEncoding(int brotliQ, int gzipQ) {

    static final AcceptEncoding NONE = new AcceptEncoding(0, 0);

    boolean brotli() {
        return brotliQ > 0;
    }

    boolean gzip() {
        return gzipQ > 0;
    }

    /** The allowed codings, most preferred first. */
    List<Encoding> preferred() {
        if (brotli() && gzip()) {
            return gzipQ > brotliQ
                    ? List.of(Encoding.GZIP, Encoding.BROTLI)
                    : List.of(Encoding.BROTLI, Encoding.GZIP);
        }
        if (brotli()) {
            return List.of(Encoding.BROTLI);
        }
        return gzip() ? List.of(Encoding.GZIP) : List.of();
    }

    static AcceptEncoding parse(String header) {
        if (header == null || header.isEmpty()) {
            return NONE;
        }
        int br = -1;
        int gz = -1;
        int star = -1;
        int n = header.length();
        int i = 0;
        while (i < n) {
            int end = header.indexOf(',', i);
            if (end < 0) {
                end = n;
            }
            int semi = header.indexOf(';', i);
            int codingEnd = semi >= 0 && semi < end ? semi : end;
            int q = semi >= 0 && semi < end ? qValue(header, semi + 1, end) : 1000;
            String coding = header.substring(i, codingEnd).trim();
            if (coding.equalsIgnoreCase("br")) {
                br = Math.max(br, q);
            } else if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
                gz = Math.max(gz, q);
            } else if (coding.equals("*")) {
                star = Math.max(star, q);
            }
            i = end + 1;
        }
        int brQ = br >= 0 ? br : Math.max(star, 0);
        int gzQ = gz >= 0 ? gz : Math.max(star, 0);
        return brQ == 0 && gzQ == 0 ? NONE : new AcceptEncoding(brQ, gzQ);
    }

    /** The q parameter among {@code ;}-separated parameters, in thousandths; 0 when malformed. */
    private static int qValue(String header, int from, int to) {
        for (String param : header.substring(from, to).split(";")) {
            String p = param.trim();
            if (p.length() >= 2
                    && (p.charAt(0) == 'q' || p.charAt(0) == 'Q')
                    && p.charAt(1) == '=') {
                return parseQ(p.substring(2).trim());
            }
        }
        return 1000;
    }

    /** RFC 9110 qvalue: {@code 0[.ddd]} or {@code 1[.000]}; anything else counts as 0. */
    private static int parseQ(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return 0;
        }
        char first = s.charAt(0);
        if (first != '0' && first != '1') {
            return 0;
        }
        int value = (first - '0') * 1000;
        if (s.length() > 1) {
            if (s.charAt(1) != '.') {
                return 0;
            }
            int scale = 100;
            for (int k = 2; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c < '0' || c > '9') {
                    return 0;
                }
                value += (c - '0') * scale;
                scale /= 10;
            }
        }
        return value > 1000 ? 0 : value;
    }
}
