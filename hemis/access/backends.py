"""Log in with a username, or — for students — with the 12-digit student ID number."""

from django.contrib.auth.backends import ModelBackend

from hemis.access.models import User


class LoginBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        login = username.strip()
        user = None
        if len(login) == 12 and login.isdigit():
            user = User.objects.filter(student__student_id_number=login).first()
        if user is None:
            user = User.objects.filter(username__iexact=login).first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing hint that a login exists
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
