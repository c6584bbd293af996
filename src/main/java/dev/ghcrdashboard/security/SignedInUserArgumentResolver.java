package dev.ghcrdashboard.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link SignedInUser} controller arguments. Without one, Spring Security's entry point takes
 * over (sign-in page, or a page refresh for htmx), because the exception is an authentication failure.
 */
record SignedInUserArgumentResolver(CurrentUser currentUser) implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(SignedInUser.class);
    }

    @Override
    public SignedInUser resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                        NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return currentUser.get(webRequest.getNativeRequest(HttpServletRequest.class))
                .orElseThrow(() -> new InsufficientAuthenticationException("Sign in with GitHub first"));
    }
}
