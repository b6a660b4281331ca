namespace Collab.Grains.Abstractions.Live;

[GenerateSerializer, Alias("collab.presence-activity")]
public enum PresenceActivity
{
    Viewing = 0,
    Typing = 1,
}
