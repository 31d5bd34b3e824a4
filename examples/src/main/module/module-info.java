/**
 * Programs that use Videoshop as an application does: they require only the API module; the model runtime and
 * the latent backends are found at run time through the services they provide.
 */
module org.videoshop.examples {
    requires org.videoshop;
}
