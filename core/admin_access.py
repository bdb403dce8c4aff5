"""Django admin access by role: administrators manage everything registered; nobody else."""


class AdministratorAccessMixin:
    """Grant the admin to users whose role is administrator, without per-model permissions.

    Roles, not Django's permission tables, are the source of truth (see accounts.models.Role).
    """

    def _is_admin(self, request) -> bool:
        user = request.user
        return user.is_active and user.is_authenticated and user.is_administrator

    def has_module_permission(self, request):
        return self._is_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_add_permission(self, request, *args):
        return self._is_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_delete_permission(self, request, obj=None):
        return self._is_admin(request)
