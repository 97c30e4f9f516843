"""
URL configuration for mysite project.

The `urlpatterns` list routes URLs to views. For more information please see:
    https://docs.djangoproject.com/en/5.2/topics/http/urls/
Examples:
Function views
    1. Add an import:  from my_app import views
    2. Add a URL to urlpatterns:  path('', views.home, name='home')
Class-based views
    1. Add an import:  from other_app.views import Home
    2. Add a URL to urlpatterns:  path('', Home.as_view(), name='home')
Including another URLconf
    1. Import the include() function: from django.urls import include, path
    2. Add a URL to urlpatterns:  path('blog/', include('blog.urls'))
"""
from django.contrib import admin
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import path


def home(request):
    # static() looks the file up in the manifest collectstatic wrote: it fails without one.
    return HttpResponse(f"Hello from Django on uv: {User.objects.count()} users, style at {static('admin/css/base.css')}")

urlpatterns = [
    path('', home),
    path('admin/', admin.site.urls),
]
