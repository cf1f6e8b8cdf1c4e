import { Alert, Button, Center, Divider, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, isApiError } from '../../api/client';
import { resetSessionCache, useAuthConfig, useMe } from '../../api/queries';
import type { Me } from '../../api/types';
import { problemMessage } from '../../components/errors';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageLoader } from '../../components/PageLoader';

function redirectTarget(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  // Only same-app paths: never bounce to another origin after sign-in.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

/** The codes the OIDC callback redirects with (`/login?error=…`); anything else in the URL is ignored. */
const OIDC_ERRORS = {
  'oidc.no_account': 'errors.oidcNoAccount',
  'oidc.no_membership': 'errors.oidcNoMembership',
  'oidc.failed': 'errors.oidcFailed',
} as const;

function oidcErrorKey(code: string | null) {
  return code !== null && Object.hasOwn(OIDC_ERRORS, code) ? OIDC_ERRORS[code as keyof typeof OIDC_ERRORS] : null;
}

export function LoginPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const oidcError = oidcErrorKey(searchParams.get('error'));
  const me = useMe();
  const config = useAuthConfig();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);

  const login = useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post<Me>('/api/v1/auth/login', body),
    onSuccess: (signedIn) => {
      resetSessionCache(queryClient, signedIn);
      void navigate(redirectTarget(location.state), { replace: true });
    },
  });

  if (me.isPending) return <PageLoader fullScreen />;
  if (me.data) return <Navigate to={redirectTarget(location.state)} replace />;

  const fieldError = (field: 'email' | 'password') =>
    isApiError(login.error) ? login.error.errors.find((e) => e.path === field)?.message : undefined;
  const emailMissing = touched && email.trim() === '';
  const passwordMissing = touched && password === '';

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTouched(true);
    if (email.trim() === '' || password === '') return;
    login.mutate({ email: email.trim(), password });
  };

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={440}>
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start">
            <Title order={1} size="h2">
              {t('app.name')}
            </Title>
            <LanguageSwitch />
          </Group>
          <Text size="sm" c="dimmed">
            {t('login.subtitle')}
          </Text>
          {config.data?.demo && (
            <Alert color="blue" variant="light">
              {t('login.demo')}
            </Alert>
          )}
          <form onSubmit={onSubmit} noValidate aria-labelledby="login-title">
            <Stack gap="md">
              <Title order={2} size="h4" id="login-title">
                {t('login.title')}
              </Title>
              {oidcError && !login.isError && (
                <Alert color="red" variant="light" title={t('login.failedTitle')} role="alert" data-testid="login-oidc-error">
                  {t(oidcError)}
                </Alert>
              )}
              {login.isError && (
                <Alert color="red" variant="light" title={t('login.failedTitle')} role="alert" data-testid="login-error">
                  {problemMessage(t, login.error)}
                </Alert>
              )}
              <TextInput
                data-testid="login-email"
                label={t('login.email')}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={emailMissing ? t('login.emailRequired') : fieldError('email')}
              />
              <PasswordInput
                data-testid="login-password"
                label={t('login.password')}
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={passwordMissing ? t('login.passwordRequired') : fieldError('password')}
              />
              <Button type="submit" data-testid="login-submit" loading={login.isPending} fullWidth>
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
          {config.data?.oidc && (
            <>
              <Divider label={t('login.or')} labelPosition="center" />
              <Button component="a" href="/api/v1/auth/oidc/start" variant="default" fullWidth data-testid="login-oidc">
                {t('login.oidc')}
              </Button>
            </>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
