namespace Collab.Grains.Abstractions.Circles;

[GenerateSerializer, Alias("collab.circle-role")]
public enum CircleRole
{
    Member = 0,
    Moderator = 1,
    Owner = 2,
}
