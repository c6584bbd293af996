package dev.ghcrdashboard.simulator;

import java.util.ArrayList;
import java.util.List;

/** GitHub's list paging: {@code page}/{@code per_page} (default 30, at most 100) and a {@code Link} header. */
record Pagination(SimulatorOptions options, String base, OwnerIdPaths ownerIds) {

    /**
     * One page of a package list. Only these lists refuse per_page × page over 10,000: GitHub's OpenAPI file declares
     * that 400 ({@code package_es_list_error}) on them alone, without a body, and the file wins over what github.com
     * sends. Version lists page on (packages of 135,000 versions are listed in practice).
     */
    Response packagePage(Request request, List<?> items) {
        if ((long) perPage(request) * page(request) > 10_000) {
            throw new HttpFailure(Response.empty(400));
        }
        return page(request, items);
    }

    /** One page of {@code items}, with {@code Link} next, last (optional), prev and first. */
    Response page(Request request, List<?> items) {
        int perPage = perPage(request);
        int page = page(request);
        int from = Math.min(items.size(), (page - 1) * perPage);
        int to = Math.min(items.size(), from + perPage);
        Response response = Json.response(200, items.subList(from, to));
        int last = Math.max(1, (items.size() + perPage - 1) / perPage);
        List<String> links = new ArrayList<>();
        if (page < last) {
            links.add("<" + link(request, page + 1) + ">; rel=\"next\"");
            if (options.linkLast()) {
                links.add("<" + link(request, last) + ">; rel=\"last\"");
            }
        }
        if (page > 1) {
            links.add("<" + link(request, page - 1) + ">; rel=\"prev\"");
            links.add("<" + link(request, 1) + ">; rel=\"first\"");
        }
        if (!links.isEmpty()) {
            response.setHeader("Link", String.join(", ", links));
        }
        return response;
    }

    private static int perPage(Request request) {
        int perPage = intParam(request, "per_page", 30);
        return perPage < 1 ? 30 : Math.min(perPage, 100);
    }

    private static int page(Request request) {
        return Math.max(1, intParam(request, "page", 1));
    }

    private static int intParam(Request request, String name, int fallback) {
        try {
            return Integer.parseInt(request.query.getOrDefault(name, Integer.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The request's own URL with {@code page} replaced (or added), in the id form when so configured. */
    private String link(Request request, int page) {
        String path = options.linkByOwnerId() ? ownerIds.byOwnerId(request) : request.rawPath;
        StringBuilder query = new StringBuilder();
        boolean replaced = false;
        if (request.rawQuery != null) {
            for (String pair : request.rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                if (query.length() > 0) {
                    query.append('&');
                }
                if (pair.startsWith("page=")) {
                    query.append("page=").append(page);
                    replaced = true;
                } else {
                    query.append(pair);
                }
            }
        }
        if (!replaced) {
            query.append(query.length() > 0 ? "&" : "").append("page=").append(page);
        }
        return base + path + "?" + query;
    }
}
