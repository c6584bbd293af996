package dev.ghcrdashboard.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Container;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The page for an address the servlet container refuses before the dashboard sees it (an encoded NUL, say). Such a
 * request never reaches the application, so {@link ContainerErrorController} cannot answer it, and Tomcat would show
 * its own bare page. This one looks like the dashboard's error page (same stylesheet, header and way home); it
 * cannot know who is signed in, because the container refused the request before reading its session cookie.
 */
@Configuration(proxyBeanMethods = false)
class RefusedAddressPage {

    @Bean
    TomcatContextCustomizer dashboardErrorReportValve() {
        return context -> {
            Container parent = context.getParent();
            if (parent instanceof StandardHost host) {
                host.setErrorReportValveClass(Valve.class.getName());
            }
        };
    }

    /** Tomcat's report of a refused request, as a dashboard page; never with details of the failure. */
    public static class Valve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String title = status == 400 ? "That request does not make sense" : "Something went wrong";
            String message = status == 400 ? "The address is not one this dashboard understands." : "The page could not be shown. Nothing was changed.";
            try {
                response.setContentType("text/html");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                            + "<title>" + title + " · ghcr-dashboard</title><link rel=\"stylesheet\" href=\"/css/app.css\"></head><body>"
                            + "<header class=\"site-header\"><a class=\"brand\" href=\"/\">ghcr-dashboard</a></header>"
                            + "<main id=\"main\"><section class=\"error-page\"><h1>" + title + "</h1>"
                            + "<p class=\"error-status\">HTTP " + status + "</p><p>" + message + "</p>"
                            + "<p><a class=\"button\" href=\"/\">Back to the dashboard</a></p></section></main></body></html>");
                }
            } catch (IOException | IllegalStateException e) {
                // the connection is gone or the response already committed: nothing more to say
            }
        }
    }
}
