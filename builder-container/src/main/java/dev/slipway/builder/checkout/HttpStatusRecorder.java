package dev.slipway.builder.checkout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.HttpConnectionFactory2;

/**
 * Remembers the last HTTP error status (400 and up) a Git server answered JGit, so a failed clone
 * is explained by what the server said (401, 403, 404, 5xx) rather than by the words of an
 * exception message. Installed on each HTTP transport through {@link TransportConfigCallback};
 * JGit's own connection factory does the work.
 */
final class HttpStatusRecorder implements TransportConfigCallback {

    private volatile int lastFailure;

    @Override
    public void configure(Transport transport) {
        if (transport instanceof TransportHttp http) {
            http.setHttpConnectionFactory(new Factory(http.getHttpConnectionFactory()));
        }
    }

    /** The last failing HTTP status the server gave, if any. */
    OptionalInt lastFailure() {
        int status = lastFailure;
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    private void seen(int status) {
        if (status >= 400) {
            lastFailure = status;
        }
    }

    private final class Factory implements HttpConnectionFactory2 {
        private final HttpConnectionFactory delegate;

        Factory(HttpConnectionFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public HttpConnection create(URL url) throws IOException {
            return new Recording(delegate.create(url));
        }

        @Override
        public HttpConnection create(URL url, Proxy proxy) throws IOException {
            return new Recording(delegate.create(url, proxy));
        }

        @Override
        public GitSession newSession() {
            if (!(delegate instanceof HttpConnectionFactory2 two)) {
                return new GitSession() {
                    @Override
                    public HttpConnection configure(HttpConnection connection, boolean sslVerify) {
                        return connection;
                    }

                    @Override
                    public void close() {}
                };
            }
            GitSession session = two.newSession();
            return new GitSession() {
                @Override
                public HttpConnection configure(HttpConnection connection, boolean sslVerify)
                        throws IOException, GeneralSecurityException {
                    HttpConnection inner =
                            connection instanceof Recording r ? r.delegate : connection;
                    HttpConnection configured = session.configure(inner, sslVerify);
                    return configured == inner ? connection : new Recording(configured);
                }

                @Override
                public void close() {
                    session.close();
                }
            };
        }
    }

    /** Passes everything to JGit's connection, noting the status it reads. */
    private final class Recording implements HttpConnection {
        private final HttpConnection delegate;

        Recording(HttpConnection delegate) {
            this.delegate = delegate;
        }

        @Override
        public int getResponseCode() throws IOException {
            int status = delegate.getResponseCode();
            seen(status);
            return status;
        }

        @Override
        public URL getURL() {
            return delegate.getURL();
        }

        @Override
        public String getResponseMessage() throws IOException {
            return delegate.getResponseMessage();
        }

        @Override
        public Map<String, List<String>> getHeaderFields() {
            return delegate.getHeaderFields();
        }

        @Override
        public void setRequestProperty(String key, String value) {
            delegate.setRequestProperty(key, value);
        }

        @Override
        public void setRequestMethod(String method) throws ProtocolException {
            delegate.setRequestMethod(method);
        }

        @Override
        public void setUseCaches(boolean usecaches) {
            delegate.setUseCaches(usecaches);
        }

        @Override
        public void setConnectTimeout(int timeout) {
            delegate.setConnectTimeout(timeout);
        }

        @Override
        public void setReadTimeout(int timeout) {
            delegate.setReadTimeout(timeout);
        }

        @Override
        public String getContentType() {
            return delegate.getContentType();
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return delegate.getInputStream();
        }

        @Override
        public String getHeaderField(String name) {
            return delegate.getHeaderField(name);
        }

        @Override
        public List<String> getHeaderFields(String name) {
            return delegate.getHeaderFields(name);
        }

        @Override
        public int getContentLength() {
            return delegate.getContentLength();
        }

        @Override
        public void setInstanceFollowRedirects(boolean followRedirects) {
            delegate.setInstanceFollowRedirects(followRedirects);
        }

        @Override
        public void setDoOutput(boolean dooutput) {
            delegate.setDoOutput(dooutput);
        }

        @Override
        public void setFixedLengthStreamingMode(int contentLength) {
            delegate.setFixedLengthStreamingMode(contentLength);
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return delegate.getOutputStream();
        }

        @Override
        public void setChunkedStreamingMode(int chunklen) {
            delegate.setChunkedStreamingMode(chunklen);
        }

        @Override
        public String getRequestMethod() {
            return delegate.getRequestMethod();
        }

        @Override
        public boolean usingProxy() {
            return delegate.usingProxy();
        }

        @Override
        public void connect() throws IOException {
            delegate.connect();
        }

        @Override
        public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random)
                throws NoSuchAlgorithmException, KeyManagementException {
            delegate.configure(km, tm, random);
        }

        @Override
        public void setHostnameVerifier(HostnameVerifier hostnameverifier)
                throws NoSuchAlgorithmException, KeyManagementException {
            delegate.setHostnameVerifier(hostnameverifier);
        }
    }
}
