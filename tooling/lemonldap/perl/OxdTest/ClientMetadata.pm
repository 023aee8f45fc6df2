# LemonLDAP::NG 2.16 registers every dynamically registered client with the same options: its registration
# (Lemonldap::NG::Portal::Issuer::OpenIDConnect::registration) ignores the RFC 7591 §2 metadata grant_types,
# post_logout_redirect_uris and token_endpoint_auth_method. This plugin applies them to the new client's options
# right after, as an administrator would in the Manager: client_credentials → "allow client credentials grant",
# refresh_token → "issue refresh tokens" and "allow offline access", post_logout_redirect_uris → "allowed
# post-logout redirect URIs", token_endpoint_auth_method none → "public client" with PKCE required. The
# registration response is left as LemonLDAP::NG makes it. Two defects of that registration are worked around:
#  - it names the client's configuration entry "register-<epoch second>", so a second registration within the same
#    second replaces the first client (setup_client registers two at once): the replaced one is put back under
#    another name;
#  - it reloads its clients from the configuration this process loaded before the new one existed, so the new
#    client is unknown ("unknown partner") until the next reload (checkTime): it is made known at once.
# Loaded by the oxd-ts tests' OP only (customPlugins in tooling/lemonldap/src/config.ts).
package OxdTest::ClientMetadata;

use strict;
use Mouse;
use JSON qw(from_json);

extends 'Lemonldap::NG::Portal::Main::Plugin';

our $wrapped;
my @PER_CLIENT = qw(oidcRPMetaDataOptions oidcRPMetaDataExportedVars oidcRPMetaDataOptionsExtraClaims);

sub init {
    my ($self) = @_;
    require Lemonldap::NG::Portal::Issuer::OpenIDConnect;
    return 1 if $wrapped++;
    my $class = 'Lemonldap::NG::Portal::Issuer::OpenIDConnect';
    my $orig  = $class->can('registration') or return 0;
    no strict 'refs';
    no warnings 'redefine';
    *{"${class}::registration"} = sub {
        my ( $issuer, $req ) = @_;
        my $before = $issuer->confAcc->getConf( { raw => 1, noCache => 1 } );
        my $res    = $orig->(@_);
        return $res unless ref $res eq 'ARRAY' and $res->[0] == 201 and ref $before;
        my $meta   = eval { from_json( $req->content ) } || {};
        my $answer = eval { from_json( join '', @{ $res->[2] } ) } || {};
        my $client_id = $answer->{client_id} or return $res;
        my $conf = $issuer->confAcc->getConf( { raw => 1, noCache => 1 } );
        my $rps  = $conf->{oidcRPMetaDataOptions} ||= {};
        my ($rp) = grep { ( $rps->{$_}->{oidcRPMetaDataOptionsClientID} // '' ) eq $client_id } keys %$rps;
        return $res unless $rp;
        my @changed = ($rp);

        # a client the registration replaced: back under a name of its own
        for my $old ( keys %{ $before->{oidcRPMetaDataOptions} || {} } ) {
            my $was = $before->{oidcRPMetaDataOptions}->{$old}->{oidcRPMetaDataOptionsClientID} // '';
            next if ( $rps->{$old}->{oidcRPMetaDataOptionsClientID} // '' ) eq $was;
            my $n = 1;
            $n++ while exists $rps->{"$old-$n"};
            for my $key (@PER_CLIENT) {
                $conf->{$key}->{"$old-$n"} = $before->{$key}->{$old} if exists $before->{$key}->{$old};
            }
            push @changed, "$old-$n";
        }

        my $o      = $rps->{$rp};
        my %grants = map { $_ => 1 } @{ ref $meta->{grant_types} eq 'ARRAY' ? $meta->{grant_types} : [] };
        $o->{oidcRPMetaDataOptionsAllowClientCredentialsGrant} = 1 if $grants{client_credentials};
        if ( $grants{refresh_token} ) {
            $o->{oidcRPMetaDataOptionsRefreshToken} = 1;
            $o->{oidcRPMetaDataOptionsAllowOffline} = 1;
        }
        my $logout = $meta->{post_logout_redirect_uris};
        $o->{oidcRPMetaDataOptionsPostLogoutRedirectUris} = join( ' ', @$logout )
          if ref $logout eq 'ARRAY' and @$logout;
        if ( ( $meta->{token_endpoint_auth_method} // '' ) eq 'none' ) {
            $o->{oidcRPMetaDataOptionsPublic}      = 1;
            $o->{oidcRPMetaDataOptionsRequirePKCE} = 1;
        }
        $conf->{cfgAuthor} = "OxdTest::ClientMetadata ($client_id)";
        unless ( $issuer->confAcc->saveConf($conf) > 0 ) {
            $issuer->logger->error("OxdTest::ClientMetadata: could not save the options of $rp");
            return $res;
        }

        # known to this process at once
        for my $name (@changed) {
            for my $key (@PER_CLIENT) {
                $issuer->conf->{$key}->{$name} = $conf->{$key}->{$name} if exists $conf->{$key}->{$name};
            }
        }
        $issuer->loadRPs();
        return $res;
    };
    return 1;
}

1;
