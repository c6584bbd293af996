package dev.ghcrdashboard.notifications;

import dev.ghcrdashboard.common.NotFoundException;
import dev.ghcrdashboard.github.Owner;
import dev.ghcrdashboard.owners.OwnerDirectory;
import dev.ghcrdashboard.security.SignedInUser;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.UriComponentsBuilder;

/** An owner's webhooks: the list with each one's recent deliveries, and (for admins) adding, testing, removing. */
@Controller
@RequestMapping("/owners/{owner}/notifications")
record NotificationsController(OwnerDirectory owners, Notifications notifications) {

    /** One webhook with its latest deliveries, newest first. */
    record WebhookRow(Webhook webhook, List<Delivery> deliveries) {
    }

    @GetMapping
    String page(@PathVariable String owner, SignedInUser user, Model model) {
        model.addAttribute("webhook", WebhookForm.empty());
        return view(owners.require(user, owner), model);
    }

    @PostMapping("/webhooks")
    String add(@PathVariable String owner, @Valid @ModelAttribute("webhook") WebhookForm form, BindingResult errors,
               SignedInUser user, Model model) {
        Owner resolved = owners.requireAdministered(user, owner, "set up notifications");
        var format = form.webhookFormat();
        if (format.isEmpty()) {
            errors.rejectValue("format", "unknown", "Choose one of the listed formats.");
        }
        var uri = form.uri();
        if (!errors.hasFieldErrors("url") && uri.isEmpty()) {
            errors.rejectValue("url", "invalid", "That is not a web address.");
        }
        if (!errors.hasErrors()) {
            try {
                notifications.add(resolved, uri.get(), format.get(), null, user);
            } catch (IllegalArgumentException refused) {
                errors.rejectValue("url", "refused", refused.getMessage());
            }
        }
        return errors.hasErrors() ? view(resolved, model) : "redirect:" + pagePath(resolved);
    }

    @PostMapping("/webhooks/{id}/test")
    String test(@PathVariable String owner, @PathVariable long id, SignedInUser user) {
        Owner resolved = owners.requireAdministered(user, owner, "test notifications");
        return backToThePage(resolved, id, notifications.sendTest(resolved, id, user));
    }

    @PostMapping("/webhooks/{id}/delete")
    String remove(@PathVariable String owner, @PathVariable long id, SignedInUser user) {
        Owner resolved = owners.requireAdministered(user, owner, "remove webhooks");
        return backToThePage(resolved, id, notifications.remove(resolved, id, user));
    }

    /** After an action on one webhook: the owner's page again, or a 404 when the owner has no such webhook. */
    private static String backToThePage(Owner owner, long id, boolean found) {
        if (!found) {
            throw new NotFoundException(owner.login() + " has no webhook " + id + ".");
        }
        return "redirect:" + pagePath(owner);
    }

    private String view(Owner owner, Model model) {
        model.addAttribute("owner", owner);
        model.addAttribute("formats", WebhookFormat.values());
        model.addAttribute("webhooks", notifications.webhooks(owner).stream()
                .map(webhook -> new WebhookRow(webhook, notifications.recentDeliveries(webhook))).toList());
        return "notifications/notifications";
    }

    private static String pagePath(Owner owner) {
        return UriComponentsBuilder.fromPath("/owners/{owner}/notifications").buildAndExpand(owner.login()).encode().toUriString();
    }
}
