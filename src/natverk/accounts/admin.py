"""Django admin for staff: people, organisations and memberships."""

from django.contrib import admin

from natverk.accounts.models import Membership, Organisation, Profile, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin[User]):
    list_display = ("email", "name", "preferred_language", "is_active", "is_staff")
    search_fields = ("email", "name")
    exclude = ("password",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("name", "slug", "kind", "country")
    prepopulated_fields = {"slug": ("name",)}  # noqa: RUF012


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ("user", "organisation", "role")
    list_filter = ("role", "organisation")


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin[Profile]):
    list_display = ("user", "profession", "industry", "employer", "region")
