package dev.ghcrdashboard.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * The dashboard's static files, each folder under its own URL pattern, instead of Spring Boot's default
 * {@code /**} (switched off with {@code spring.web.resources.add-mappings: false} in application.yml).
 *
 * <p>Why: every {@code @{…}} link a template renders passes Spring's resource URL chain, which looks the
 * link up as a static file under every pattern it matches. Under {@code /**} that is every link, and a miss
 * is not cached, so each link of a page cost a search of every jar on the classpath in four locations: a
 * tenth of the dashboard's CPU while a large package was being analysed and its page polled
 * (docs/benchmarks.md). With these patterns a link to a page matches none and costs nothing.
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

    /**
     * Browsers ask for {@code /favicon.ico} on any page that names no icon (a downloaded export, a JSON answer):
     * sent to the SVG, instead of a 404 and a warning in the log for each.
     */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/favicon.ico", "/favicon.svg").setStatusCode(HttpStatus.MOVED_PERMANENTLY);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/");
        registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/");
        registry.addResourceHandler("/favicon.svg").addResourceLocations("classpath:/static/");
        // Version-agnostic links (/webjars/htmx.org/dist/htmx.min.js) resolved to the bundled version, as Boot does.
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
    }
}
